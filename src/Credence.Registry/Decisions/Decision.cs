using System.Collections.Immutable;

namespace Credence.Registry.Decisions;

/// <summary>
/// A relying party's question about a subject and the registry's answer, as stored before it was
/// given: allowed or denied, at most four reasons, the policy version that produced it.
/// </summary>
/// <param name="Id">A time-ordered GUID (version 7).</param>
/// <param name="Measure">What was asked: a capability or a measure id.</param>
/// <param name="Capability">The capability decided.</param>
/// <param name="Purpose">The relying party's stated purpose.</param>
/// <param name="Measures">The policy's measures on the capability.</param>
public sealed record Decision(
    Guid Id,
    string Subject,
    long PrincipalId,
    string RelyingParty,
    string? Purpose,
    string Measure,
    string Capability,
    bool Allowed,
    ImmutableArray<DecisionReason> Reasons,
    ImmutableArray<string> Measures,
    string PolicyVersion,
    DateTimeOffset DecidedAt)
{
    /// <summary>
    /// The index of the decision's ledger entry: set on a decision as it is made (its entry is
    /// appended in the same transaction); null on one read back from the store, whose index is looked up.
    /// </summary>
    public long? LedgerIndex { get; init; }
}
