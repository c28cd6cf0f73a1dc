using System.Collections.Immutable;

namespace Credence.Core.Fairness;

/// <summary>A flagged disparity: one cohort, one adverse outcome, against the most favoured cohort.</summary>
/// <param name="Firm">For a four-fifths flag, true when the impact ratio's whole interval is below 0.8 (not resampling noise).</param>
/// <param name="Carriers">The record types that carry it: present more often among this cohort's affected than the reference's, most first (at most five).</param>
public sealed record Finding(
    string Dimension,
    AdverseOutcome Outcome,
    Cohort Cohort,
    Cohort Reference,
    int Applicable,
    double Rate,
    double RateLow,
    double RateHigh,
    double ReferenceRate,
    double? ImpactRatio,
    double? AdverseRatio,
    ImmutableArray<DisparityFlag> Flags,
    bool Firm,
    ImmutableArray<RecordTypePresence> Carriers);
