using System.Collections.Immutable;
using Credence.Core.Explanations;
using Credence.Core.Identifiers;
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
        return b.Score == a.Score && b.Status == a.Status ? new SimulatedSubject(b, a, []) : new SimulatedSubject(b, a, ShiftsOf(beforeFacts, afterFacts, asOf, consent));
    }

    /// <summary>
    /// <see cref="Of"/> for many subjects at once, scored by the batch re-scoring kernel
    /// (<see cref="BatchScoring"/>) under each policy: the same results, in the order of <paramref name="files"/>.
    /// </summary>
    /// <param name="consents">Each subject's consent in force at the instant, one per file.</param>
    /// <remarks>
    /// Implementation note: the kernel gives everything an outcome holds; only a subject whose score or
    /// status moved has its file compiled against both policies, for the full explanation that names
    /// the record types that moved it (as <see cref="Of"/> does).
    /// </remarks>
    public static SimulatedSubject[] OfAll(CompiledPolicy? before, CompiledPolicy after, IReadOnlyList<SubjectFile> files, DateTimeOffset asOf, bool[] consents)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(consents);
        if (consents.Length != files.Count)
        {
            throw new ArgumentException($"consents: one per file ({files.Count}), not {consents.Length}", nameof(consents));
        }

        var builder = new RecordColumnsBuilder(files.Sum(f => f.Versions.Length));
        var subjects = new SubjectId[files.Count];
        for (var i = 0; i < files.Count; i++)
        {
            builder.Add(files[i]);
            subjects[i] = files[i].Subject;
        }

        var columns = builder.Build();
        var a = SubjectOutcome.OfAll(after, columns, subjects, asOf, consents);
        var b = before is null ? null : SubjectOutcome.OfAll(before, columns, subjects, asOf, consents);
        var results = new SimulatedSubject[files.Count];
        Parallel.For(0, files.Count, i =>
        {
            var was = b?[i] ?? SubjectOutcome.None(subjects[i]);
            results[i] = was.Score == a[i].Score && was.Status == a[i].Status
                ? new SimulatedSubject(was, a[i], [])
                : new SimulatedSubject(was, a[i], ShiftsOf(before is null ? null : SubjectFacts.Compile(before, files[i]), SubjectFacts.Compile(after, files[i]), asOf, consents[i]));
        });
        return results;
    }

    /// <summary>The record types whose counted points differ between the two policies' full explanations, ordinal order.</summary>
    private static ImmutableArray<TypeShift> ShiftsOf(SubjectFacts? beforeFacts, SubjectFacts afterFacts, DateTimeOffset asOf, bool consent)
    {
        // Implementation note: the full explanation is built only for subjects whose score moved, to name the types that moved it.
        var was = beforeFacts is null ? [] : Points(Explainer.Assess(beforeFacts, asOf, consent));
        var now = Points(Explainer.Assess(afterFacts, asOf, consent));
        return was.Keys.Union(now.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(t => new TypeShift(t, was.GetValueOrDefault(t), now.GetValueOrDefault(t)))
            .Where(s => s.Size > 0)
            .ToImmutableArray();
    }

    private static Dictionary<string, int> Points(Assessment assessment) =>
        assessment.Status != ScoreStatus.Scored
            ? []
            : assessment.Contributions.GroupBy(c => c.Type, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(c => c.Counted), StringComparer.Ordinal);
}
