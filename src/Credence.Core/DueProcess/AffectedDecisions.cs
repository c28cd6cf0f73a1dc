using System.Collections.Immutable;
using Credence.Core.Explanations;
using Credence.Core.Records;
using Credence.Core.Scoring;

namespace Credence.Core.DueProcess;

/// <summary>
/// Finds the decisions taken while a wrong record counted: each past decision is re-taken as of
/// its own instant, against the same compiled policy, from a file in which the withdrawn records
/// never existed and the corrected ones were right from the start; those whose answer changes are
/// affected.
/// </summary>
/// <remarks>
/// Implementation note: re-deciding from the file as stored after the withdrawal would change
/// nothing, because the wrong version was (truthfully) known until the withdrawal was reported. So
/// the counterfactual file rewrites only the records that changed between <c>before</c> and
/// <c>after</c>: a withdrawn record is dropped, a corrected record is replaced by its corrected
/// facts as reported when the wrong version was. Decisions about another subject or taken under
/// another policy version are not re-decided here; the registry calls this once per policy version.
/// </remarks>
public static class AffectedDecisions
{
    /// <summary>The decisions among <paramref name="decisions"/> that the withdrawal or correction turns around.</summary>
    /// <param name="before">The subject's file before the withdrawal or correction.</param>
    /// <param name="after">The same file with the withdrawal or correction versions added.</param>
    public static ImmutableArray<AffectedDecision> Find(CompiledPolicy policy, SubjectFile before, SubjectFile after, IEnumerable<PastDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (before.Subject != after.Subject)
        {
            throw new ArgumentException($"the files are about {before.Subject} and {after.Subject}; they must be the same subject's", nameof(after));
        }

        var wrong = ChangedRecords(before, after);
        if (wrong.IsEmpty)
        {
            return [];
        }

        var corrected = SubjectFacts.Compile(policy, Counterfactual(after, wrong));
        var result = ImmutableArray.CreateBuilder<AffectedDecision>();
        foreach (var d in decisions.Where(d => d.Subject == after.Subject && d.PolicyVersion == policy.Policy.VersionTag).OrderBy(d => d.DecidedAt))
        {
            var assessment = Explainer.Assess(corrected, d.DecidedAt, d.Consent);
            if (Decider.Decide(assessment, policy.Policy, d.Capability) is { } redecided && redecided.Allowed != d.Allowed)
            {
                result.Add(new AffectedDecision(d, redecided, wrong));
            }
        }

        return result.ToImmutable();
    }

    /// <summary>Records whose latest version in <paramref name="after"/> is a withdrawal or correction not yet in <paramref name="before"/>.</summary>
    public static ImmutableArray<RecordKey> ChangedRecords(SubjectFile before, SubjectFile after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var known = before.Versions.Select(v => (v.Key, v.Version)).ToHashSet();
        return [.. after.Versions
            .Where(v => v.Action != RecordAction.Submitted && !known.Contains((v.Key, v.Version)))
            .Select(v => v.Key)
            .Distinct()];
    }

    private static SubjectFile Counterfactual(SubjectFile after, ImmutableArray<RecordKey> wrong)
    {
        var rewritten = new List<Record>();
        foreach (var group in after.Versions.GroupBy(v => v.Key))
        {
            if (!wrong.Contains(group.Key))
            {
                rewritten.AddRange(group);
                continue;
            }

            var first = group.First();
            var last = group.Last();
            if (last.Action == RecordAction.Corrected)
            {
                rewritten.Add(last with { Version = 1, Action = RecordAction.Submitted, ReportedAt = first.ReportedAt });
            }
        }

        var keys = rewritten.Select(r => r.Key).ToHashSet();
        return SubjectFile.Create(
            after.Subject,
            rewritten,
            after.Disputes.Where(d => keys.Contains(d.Record)),
            after.Repairs.Where(r => keys.Contains(r.Record)));
    }
}
