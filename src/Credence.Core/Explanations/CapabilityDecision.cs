using System.Collections.Immutable;

namespace Credence.Core.Explanations;

/// <summary>The answer to "may this subject have this capability?", with at most four reasons and the policy version.</summary>
public sealed record CapabilityDecision(
    string Capability,
    bool Allowed,
    ImmutableArray<Reason> Reasons,
    ImmutableArray<string> Measures,
    string PolicyVersion);
