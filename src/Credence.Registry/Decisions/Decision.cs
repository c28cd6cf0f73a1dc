using System.Collections.Immutable;
using Credence.Core.Explanations;

namespace Credence.Registry.Decisions;

/// <summary>
/// A relying party's question about a subject and the registry's answer, as stored before it was
/// given: allowed, denied (a restriction) or not granted (a benefit), at most four reasons that are
/// the causes of that answer, the path forward, and the policy version that produced it.
/// </summary>
/// <param name="Id">A time-ordered GUID (version 7).</param>
/// <param name="Measure">What was asked: a capability or a measure id.</param>
/// <param name="Capability">The capability decided.</param>
/// <param name="Purpose">The relying party's stated purpose.</param>
/// <param name="Measures">The policy's measures on the capability.</param>
/// <param name="Forward">What would change the answer, and when (empty for an allowance).</param>
public sealed record Decision(
    Guid Id,
    string Subject,
    long PrincipalId,
    string RelyingParty,
    string? Purpose,
    string Measure,
    string Capability,
    DecisionAnswer Answer,
    ImmutableArray<DecisionReason> Reasons,
    ImmutableArray<string> Measures,
    string PolicyVersion,
    DateTimeOffset DecidedAt,
    ImmutableArray<ForwardStep> Forward)
{
    /// <summary>True when the subject may have the capability.</summary>
    public bool Allowed => Answer == DecisionAnswer.Allowed;

    /// <summary>
    /// The index of the decision's ledger entry: set on a decision as it is made (its entry is
    /// appended in the same transaction); null on one read back from the store, whose index is looked up.
    /// </summary>
    public long? LedgerIndex { get; init; }
}
