using System.Collections.Immutable;
using Credence.Core.Policies;

namespace Credence.Core.Explanations;

/// <summary>
/// Decides a capability from an assessment: denied when any restriction on it is triggered; where the
/// policy grants the capability as a reward, allowed only when a grant is triggered; otherwise allowed.
/// </summary>
public static class Decider
{
    /// <summary>Decides <paramref name="capability"/>. Returns null when no measure of the policy names it.</summary>
    public static CapabilityDecision? Decide(Assessment assessment, Policy policy, string capability)
    {
        var measures = assessment.Measures.Where(m => m.Capability == capability).ToList();
        if (measures.Count == 0)
        {
            return null;
        }

        var ids = measures.Select(m => m.Measure).ToImmutableArray();
        var restrictions = measures.Where(m => m.Effect == MeasureEffect.Restrict && m.Triggered).ToList();
        if (restrictions.Count > 0)
        {
            var lists = restrictions.Select(m => policy.FindMeasure(m.Measure)!.Trigger.List).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var reasons = assessment.KeyReasons.Where(r => lists.Any(l => r.Code == $"LISTED.{l}"))
                .Concat(assessment.KeyReasons.Where(r => !r.Code.StartsWith("LISTED.", StringComparison.Ordinal)))
                .Take(KeyReasons.Limit)
                .ToImmutableArray();
            return new CapabilityDecision(capability, false, reasons, ids, assessment.PolicyVersion);
        }

        var grants = measures.Where(m => m.Effect == MeasureEffect.Grant).ToList();
        if (grants.Count == 0 || grants.Any(m => m.Triggered))
        {
            return new CapabilityDecision(capability, true, [], ids, assessment.PolicyVersion);
        }

        var missing = grants.Select(m => Unmet(assessment, policy.FindMeasure(m.Measure)!)).ToList();
        var why = missing.Concat(assessment.KeyReasons).Take(KeyReasons.Limit).ToImmutableArray();
        return new CapabilityDecision(capability, false, why, ids, assessment.PolicyVersion);
    }

    private static Reason Unmet(Assessment assessment, Measure measure)
    {
        var trigger = measure.Trigger;
        if (trigger.List is { } list)
        {
            return new Reason($"NOT-LISTED.{list}", $"{measure.Name} needs the {list} list, and the subject is not on it", 0, []);
        }

        var grade = trigger.GradeAtLeast ?? trigger.GradeAtMost ?? "?";
        var now = assessment.Grade is null ? "no grade" : $"grade {assessment.Grade}";
        return new Reason($"GRADE.BELOW.{grade}", $"{measure.Name} needs {Explainer.TriggerText(trigger)}; the subject has {now}", 0, []);
    }
}
