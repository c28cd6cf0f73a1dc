using System.Collections.Immutable;

namespace Credence.Registry.Policies;

/// <summary>A stored policy with its activations, and whether it governs its kind of subject now.</summary>
public sealed record PolicyListing(StoredPolicy Policy, ImmutableArray<PolicyActivation> Activations, bool ActiveNow);
