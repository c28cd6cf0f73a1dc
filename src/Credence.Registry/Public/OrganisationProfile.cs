using System.Collections.Immutable;
using Credence.Core.Explanations;
using Credence.Core.Scoring;

namespace Credence.Registry.Public;

/// <summary>What anyone may see about an organisation: its grade and its listings on published lists, under the policy active now.</summary>
public sealed record OrganisationProfile(
    string Code,
    string PolicyVersion,
    DateTimeOffset AsOf,
    ScoreStatus Status,
    string? Grade,
    ImmutableArray<Listing> Listings)
{
    /// <summary>The organisation's registered names, by language (none when none was registered).</summary>
    public ImmutableArray<OrganisationName> Names { get; init; } = [];

    /// <summary>What each published listing rests on: the record type, its legal basis and when it happened.</summary>
    public ImmutableArray<ListingGround> Grounds { get; init; } = [];

    /// <summary>How each published listing ends: at its date, or earlier on a record of the types named.</summary>
    public ImmutableArray<ListingExit> Exits { get; init; } = [];
}

/// <summary>A record a published listing rests on, as the public sees it: its type, legal basis (decision or case reference) and when it happened.</summary>
public sealed record ListingGround(string List, string Type, string? LegalBasis, DateTimeOffset OccurredAt);
