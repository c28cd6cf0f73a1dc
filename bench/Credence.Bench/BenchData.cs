using Credence.Core.Identifiers;
using Credence.Core.Policies;
using Credence.Core.Records;

namespace Credence.Bench;

/// <summary>Deterministic subjects with ten records each under the sample persons policy.</summary>
internal static class BenchData
{
    public static readonly DateTimeOffset AsOf = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    public static Policy LoadPersonsPolicy()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "policies", "rongcheng-persons.yaml");
        var result = Credence.Core.Policies.Loading.PolicyLoader.LoadFile(path);
        return result.Policy ?? throw new InvalidOperationException(string.Join(Environment.NewLine, result.Problems));
    }

    public static Record[][] Subjects(Policy policy, int count, int recordsEach, int seed = 42)
    {
        var random = new Random(seed);
        var types = policy.RecordTypes;
        var subjects = new Record[count][];
        for (var s = 0; s < count; s++)
        {
            var id = new SubjectId(SubjectKind.Person, $"1101051980010{s:D5}", new DateOnly(1980, 1, 1));
            subjects[s] = new Record[recordsEach];
            for (var r = 0; r < recordsEach; r++)
            {
                var type = types[random.Next(types.Length)];
                var occurred = AsOf.AddDays(-random.Next(0, 1000));
                subjects[s][r] = new Record(
                    new RecordKey("bench", $"{s}-{r}"), 1, RecordAction.Submitted, id, type.Id, type.Area,
                    occurred, occurred, "case 2026-001", random.Next(0, 200_000));
            }
        }

        return subjects;
    }
}
