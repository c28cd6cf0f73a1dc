using Credence.Core.Records;

namespace Credence.Core.DueProcess;

/// <summary>A transition due at an exact instant, derived from stored state.</summary>
/// <param name="At">The exact instant it takes effect.</param>
/// <param name="Record">The record concerned, if one.</param>
/// <param name="List">The list concerned, for listing ends (and their advance notices).</param>
/// <param name="Dispute">The dispute concerned, for dispute deadlines.</param>
/// <param name="EndsAt">For advance notices: when the listing or effect ends.</param>
public sealed record Transition(
    TransitionKind Kind,
    DateTimeOffset At,
    RecordKey? Record,
    string? List = null,
    string? Dispute = null,
    DateTimeOffset? EndsAt = null);
