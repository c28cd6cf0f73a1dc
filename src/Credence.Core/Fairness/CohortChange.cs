using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Credence.Core.Fairness;

/// <summary>
/// How a draft moves one cohort's rate of one adverse outcome: the cohort under the baseline policy and
/// under the draft, the change of rate, whether a disparity is introduced, removed or kept, and the record
/// types that carry it.
/// </summary>
/// <param name="Dimension">The cohort dimension (<see cref="CohortDimensions"/>).</param>
/// <param name="Outcome">The adverse outcome's id; an outcome only one policy has is compared with nothing on the other side.</param>
/// <param name="Cohort">The cohort, with its labels; <c>known: false</c> for the marked unknown cohort.</param>
/// <param name="Before">Under the baseline; null when there is none, the baseline has no such outcome, or the cohort has no subject under it.</param>
/// <param name="After">Under the draft; null when the draft has no such outcome or the cohort has no subject under it.</param>
/// <param name="Change">The draft's rate less the baseline's, when both are defined.</param>
/// <param name="Disparity">
/// <c>introduced</c> (flagged under the draft, not the baseline), <c>removed</c> (the reverse),
/// <c>kept</c> (flagged under both) or <c>none</c>.
/// </param>
/// <param name="Carriers">
/// For a disparity introduced or kept, the record types present more often among this cohort's affected
/// than the most favoured cohort's under the draft; for one removed, under the baseline (at most five,
/// most carried first). Empty when there is no disparity.
/// </param>
public sealed record CohortChange(
    string Dimension,
    string Outcome,
    Cohort Cohort,
    CohortSide? Before,
    CohortSide? After,
    double? Change,
    string Disparity,
    ImmutableArray<RecordTypePresence> Carriers)
{
    /// <summary>Flagged under the draft and not under the baseline.</summary>
    public const string Introduced = "introduced";

    /// <summary>Flagged under the baseline and not under the draft.</summary>
    public const string Removed = "removed";

    /// <summary>Flagged under both.</summary>
    public const string Kept = "kept";

    /// <summary>Flagged under neither.</summary>
    public const string None = "none";

    /// <summary>True when flagged under the baseline.</summary>
    [JsonIgnore]
    public bool FlaggedBefore => Before is { Flags.IsDefaultOrEmpty: false };

    /// <summary>True when flagged under the draft.</summary>
    [JsonIgnore]
    public bool FlaggedAfter => After is { Flags.IsDefaultOrEmpty: false };

    /// <summary>True when the rate, the flags or whether the cohort is judged at all differ.</summary>
    [JsonIgnore]
    public bool Moved => Before?.Rate != After?.Rate || FlaggedBefore != FlaggedAfter || Before?.Small != After?.Small
        || !(Before?.Flags ?? []).SequenceEqual(After?.Flags ?? [], StringComparer.Ordinal);
}
