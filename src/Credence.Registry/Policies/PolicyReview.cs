using Credence.Registry.Simulation;

namespace Credence.Registry.Policies;

/// <summary>
/// A policy version as its reviewers see it before activation: the version with its activations,
/// the newest simulation report of it (never the report's subjects), the newest sign-off, and why
/// the two-person rule would refuse its activation now (null when it would allow it): the same
/// refusal <see cref="PolicyService.ActivateAsync"/> gives.
/// </summary>
public sealed record PolicyReview(PolicyListing Listing, PolicyReview.Report? NewestReport, PolicySignOff? SignOff, RegistryProblem? ActivationRefusal)
{
    /// <summary>A stored simulation report's particulars: what a sign-off names and who made it, when, of which text, against what.</summary>
    public sealed record Report(string Id, string Digest, string PolicyDigest, string? AgainstTag, DateTimeOffset AsOf, DateTimeOffset CreatedAt, string CreatedBy);
}
