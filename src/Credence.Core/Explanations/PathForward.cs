using System.Collections.Immutable;

namespace Credence.Core.Explanations;

/// <summary>The way back: what stops counting when, which repairs open when, how listings end, what the catalogue rewards, and what the next grade needs.</summary>
public sealed record PathForward(
    ImmutableArray<Expiry> Expiries,
    ImmutableArray<RepairOpening> Repairs,
    ImmutableArray<ListingExit> ListingExits,
    ImmutableArray<Reward> Rewards,
    NextGrade? NextGrade);
