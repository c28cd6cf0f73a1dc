namespace Credence.Core.Fairness;

/// <summary>How a draft moves one cohort's rate of one adverse outcome, and its flags.</summary>
/// <param name="Outcome">The outcome's id; an outcome only one policy has is compared with nothing on the other side (nulls).</param>
public sealed record CohortChange(
    string Dimension,
    string Outcome,
    string Cohort,
    double? RateBefore,
    double? RateAfter,
    double? ImpactBefore,
    double? ImpactAfter,
    bool FlaggedBefore,
    bool FlaggedAfter);
