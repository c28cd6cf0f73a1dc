using System.Collections.Immutable;
using Credence.Core.Explanations;
using Credence.Core.Records;
using Credence.Core.Scoring;

namespace Credence.Core.Simulation;

/// <summary>
/// One subject under the baseline policy and under the draft at the same instant from the same file,
/// and, when its score moved, the record types that moved it.
/// </summary>
public sealed record SimulatedSubject(SubjectOutcome Before, SubjectOutcome After, ImmutableArray<TypeShift> Shifts)
{
    /// <summary>True when anything a subject or a relying party sees differs.</summary>
    public bool Changed => !Before.SameAs(After);

    /// <summary>
    /// Scores one subject's file under both policies. <paramref name="before"/> is null when no policy
    /// governs the subject's kind yet. Consent is the subject's stored consent at the instant, passed
    /// to each policy (a policy that does not require it ignores it).
    /// </summary>
    public static SimulatedSubject Of(CompiledPolicy? before, CompiledPolicy after, SubjectFile file, DateTimeOffset asOf, bool consent)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(file);
        var afterFacts = SubjectFacts.Compile(after, file);
        var beforeFacts = before is null ? null : SubjectFacts.Compile(before, file);
        var b = beforeFacts is null ? SubjectOutcome.None(file.Subject) : SubjectOutcome.Of(beforeFacts, asOf, consent);
        var a = SubjectOutcome.Of(afterFacts, asOf, consent);
        if (b.Score == a.Score && b.Status == a.Status)
        {
            return new SimulatedSubject(b, a, []);
        }

        // Implementation note: the full explanation is built only for subjects whose score moved, to name the types that moved it.
        var was = beforeFacts is null ? [] : Points(Explainer.Assess(beforeFacts, asOf, consent));
        var now = Points(Explainer.Assess(afterFacts, asOf, consent));
        var shifts = was.Keys.Union(now.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(t => new TypeShift(t, was.GetValueOrDefault(t), now.GetValueOrDefault(t)))
            .Where(s => s.Size > 0)
            .ToImmutableArray();
        return new SimulatedSubject(b, a, shifts);
    }

    private static Dictionary<string, int> Points(Assessment assessment) =>
        assessment.Status != ScoreStatus.Scored
            ? []
            : assessment.Contributions.GroupBy(c => c.Type, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(c => c.Counted), StringComparer.Ordinal);
}
