using System.Collections.Immutable;

namespace Credence.Core.Explanations;

/// <summary>
/// The answer to "may this subject have this capability?": allowed, denied by a restriction, or a
/// benefit not granted; with at most four reasons that are the causes of that answer (never the
/// score's reasons when the measures do not depend on the score), the path forward for a denial or a
/// benefit not granted, and the policy version.
/// </summary>
/// <param name="Forward">What would change the answer, and when: for a benefit not granted, the unmet condition's way forward; for a denial, how the listing ends.</param>
public sealed record CapabilityDecision(
    string Capability,
    DecisionAnswer Answer,
    ImmutableArray<Reason> Reasons,
    ImmutableArray<string> Measures,
    string PolicyVersion,
    ImmutableArray<ForwardStep> Forward)
{
    /// <summary>True when the subject may have the capability.</summary>
    public bool Allowed => Answer == DecisionAnswer.Allowed;
}
