namespace Credence.Core.Policies;

/// <summary>
/// A capability the policy declares, with its kind. A capability that measures name but the policy
/// does not declare is an entitlement (see <see cref="Policy.KindOf"/>): only an explicit
/// declaration makes something a benefit that a grant may gate.
/// </summary>
/// <param name="Id">The capability relying parties ask about, e.g. <c>deposit-free-rental</c>.</param>
/// <param name="Kind">Entitlement or benefit.</param>
/// <param name="Name">Readable name.</param>
/// <param name="Description">What the capability is, in a sentence.</param>
public sealed record CapabilityDefinition(string Id, CapabilityKind Kind, string? Name = null, string? Description = null);
