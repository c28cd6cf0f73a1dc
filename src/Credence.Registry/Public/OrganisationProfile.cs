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
    ImmutableArray<Listing> Listings);
