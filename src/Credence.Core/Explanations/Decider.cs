using System.Collections.Immutable;
using Credence.Core.Policies;

namespace Credence.Core.Explanations;

/// <summary>
/// Decides a capability from an assessment: denied when any restriction on it is triggered; where the
/// policy grants the capability as a reward, not granted unless a grant is triggered; otherwise allowed.
/// </summary>
/// <remarks>
/// Implementation note: the reasons are the causes of this answer and nothing else, taken from the
/// measures on the capability (<see cref="MeasureOutcome.Reasons"/>): a denial names the listings its
/// restrictions rest on and their records; a benefit not granted names each grant's unmet condition
/// and, where a grade is missing, the negative records that count against it. The score's key
/// reasons stay in the subject's explanation: a measure that does not depend on the score is never
/// explained by it.
/// </remarks>
public static class Decider
{
    /// <summary>Decides <paramref name="capability"/>. Returns null when no measure of the policy names it.</summary>
    public static CapabilityDecision? Decide(Assessment assessment, Policy policy, string capability)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(policy);
        var measures = assessment.Measures.Where(m => m.Capability == capability).ToList();
        if (measures.Count == 0)
        {
            return null;
        }

        var ids = measures.Select(m => m.Measure).ToImmutableArray();
        var max = Math.Clamp(policy.MaxKeyFactors, 1, KeyReasons.Limit);
        var restrictions = measures.Where(m => m.Effect == MeasureEffect.Restrict && m.Triggered).ToList();
        if (restrictions.Count > 0)
        {
            return new CapabilityDecision(capability, DecisionAnswer.Denied, Reasons(restrictions, max), ids, assessment.PolicyVersion, Forward(restrictions));
        }

        var grants = measures.Where(m => m.Effect == MeasureEffect.Grant).ToList();
        if (grants.Count == 0 || grants.Any(m => m.Triggered))
        {
            return new CapabilityDecision(capability, DecisionAnswer.Allowed, [], ids, assessment.PolicyVersion, []);
        }

        return new CapabilityDecision(capability, DecisionAnswer.NotGranted, Reasons(grants, max), ids, assessment.PolicyVersion, Forward(grants));
    }

    /// <summary>The measures' causes, conditions before the records behind them, each code once, at most <paramref name="max"/>.</summary>
    private static ImmutableArray<Reason> Reasons(List<MeasureOutcome> measures, int max)
    {
        var all = measures.SelectMany(m => m.Reasons).DistinctBy(r => r.Code, StringComparer.Ordinal).ToList();
        return [.. all.Where(r => !IsRecordReason(r)).Concat(all.Where(IsRecordReason)).Take(max)];
    }

    private static ImmutableArray<ForwardStep> Forward(List<MeasureOutcome> measures) =>
        [.. measures.SelectMany(m => m.Forward).Distinct()];

    private static bool IsRecordReason(Reason r) => r.Code.StartsWith("RECORD.", StringComparison.Ordinal);
}
