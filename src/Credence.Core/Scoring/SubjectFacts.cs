using System.Collections.Immutable;
using Credence.Core.Identifiers;
using Credence.Core.Policies;
using Credence.Core.Records;

namespace Credence.Core.Scoring;

/// <summary>
/// One subject's file compiled against one policy: the form the scoring engine reads. Build it
/// once per (file, policy) and score it at as many instants as needed.
/// </summary>
/// <remarks>
/// Implementation note: the only way to build facts is from a <see cref="SubjectFile"/>, which
/// holds one subject's own records and nothing else; so the scoring engine cannot see any other
/// subject's records (promise 1), whatever its caller does.
/// </remarks>
public sealed class SubjectFacts
{
    private SubjectFacts(CompiledPolicy policy, SubjectFile file, Fact[] facts, Record[] records, ImmutableArray<IgnoredRecord> ignored, long adultFrom)
    {
        Policy = policy;
        File = file;
        Facts = facts;
        Records = records;
        Ignored = ignored;
        AdultFrom = adultFrom;
    }

    /// <summary>The policy the file was compiled against.</summary>
    public CompiledPolicy Policy { get; }

    /// <summary>The subject's file.</summary>
    public SubjectFile File { get; }

    /// <summary>The subject.</summary>
    public SubjectId Subject => File.Subject;

    /// <summary>Record versions the policy cannot count.</summary>
    public ImmutableArray<IgnoredRecord> Ignored { get; }

    /// <summary>Number of compiled facts.</summary>
    public int Count => Facts.Length;

    internal Fact[] Facts { get; }

    /// <summary>The record version behind each fact (same order as <see cref="Facts"/>).</summary>
    internal Record[] Records { get; }

    /// <summary>First instant (UTC ticks) at which the subject may be scored; <see cref="long.MaxValue"/> if never (not covered).</summary>
    internal long AdultFrom { get; }

    /// <summary>Compiles a subject's file against a policy.</summary>
    public static SubjectFacts Compile(CompiledPolicy policy, SubjectFile file)
    {
        var p = policy.Policy;
        var ignored = ImmutableArray.CreateBuilder<IgnoredRecord>();
        var facts = new List<(Fact Fact, Record Record)>(file.Versions.Length);
        var disputes = file.Disputes.ToDictionary(d => d.Record, d => d.OpenedAt.UtcTicks);
        var repairs = file.Repairs.GroupBy(r => r.Record).ToDictionary(g => g.Key, g => g.Min(r => r.EffectiveAt.UtcTicks));
        var versions = file.Versions;
        for (var i = 0; i < versions.Length; i++)
        {
            var r = versions[i];
            if (r.Action == RecordAction.Withdrawn)
            {
                continue;
            }

            var t = policy.TypeIndex(r.Type);
            if (t < 0)
            {
                ignored.Add(new IgnoredRecord(r, "unknown-type", $"record type '{r.Type}' is not in the catalogue of {p.VersionTag}"));
                continue;
            }

            var type = p.RecordTypes[t];
            if (type.IsNegative && !r.HasLegalBasis)
            {
                ignored.Add(new IgnoredRecord(r, "missing-legal-basis", $"'{r.Type}' lowers a score, so it needs a legal basis, and this record states none"));
                continue;
            }

            if (type.Area != r.Area)
            {
                ignored.Add(new IgnoredRecord(r, "area-mismatch", $"'{r.Type}' belongs to the {type.Area} area, not {r.Area}"));
                continue;
            }

            var next = i + 1 < versions.Length && versions[i + 1].Key == r.Key ? versions[i + 1] : null;
            var knownUntil = next?.ReportedAt.UtcTicks ?? long.MaxValue;
            var cut = knownUntil;
            if (repairs.TryGetValue(r.Key, out var repairedAt))
            {
                cut = Math.Min(cut, repairedAt);
            }

            if (!type.CountsWhileDisputed && disputes.TryGetValue(r.Key, out var disputedAt))
            {
                cut = Math.Min(cut, disputedAt);
            }

            var occurred = r.OccurredAt.UtcTicks;
            var start = Math.Max(occurred, r.ReportedAt.UtcTicks);
            var end = type.Lasts.AddTo(r.OccurredAt).UtcTicks;
            var windowStart = type.Cap is { } cap ? cap.Window.SubtractFrom(r.OccurredAt).UtcTicks : 0;
            facts.Add((new Fact(t, PointsOf(type, r.Quantity), occurred, start, end, cut, knownUntil, windowStart, i, r.HasLegalBasis), r));
        }

        facts.Sort(static (a, b) =>
        {
            var c = a.Fact.Occurred.CompareTo(b.Fact.Occurred);
            return c != 0 ? c : a.Fact.Version.CompareTo(b.Fact.Version);
        });

        return new SubjectFacts(
            policy,
            file,
            [.. facts.Select(f => f.Fact)],
            [.. facts.Select(f => f.Record)],
            ignored.ToImmutable(),
            AdultFromOf(p, file.Subject));
    }

    /// <summary>Fixed points plus per-unit points for the record's quantity.</summary>
    public static int PointsOf(RecordType type, decimal? quantity)
    {
        var points = type.Points;
        if (type.PerUnit is { } unit && quantity is { } q && q > 0 && unit.Per > 0)
        {
            var steps = decimal.Floor(q / unit.Per);
            if (unit.MaxSteps is { } max && steps > max)
            {
                steps = max;
            }

            points += (int)Math.Clamp(steps * unit.Points, int.MinValue / 4, int.MaxValue / 4);
        }

        return points;
    }

    private static long AdultFromOf(Policy policy, SubjectId subject)
    {
        if (subject.Kind != policy.Subjects)
        {
            return long.MaxValue;
        }

        if (subject.BirthDate is not { } born)
        {
            return long.MinValue;
        }

        // Implementation note: birthdays are taken at midnight UTC; a person scored on the day they
        // come of age is scored from that midnight on.
        var adult = born.AddYears(Math.Max(policy.MinimumAge, 0));
        return new DateTimeOffset(adult.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).UtcTicks;
    }
}
