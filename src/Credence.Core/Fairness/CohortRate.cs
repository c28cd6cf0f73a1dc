using System.Collections.Immutable;

namespace Credence.Core.Fairness;

/// <summary>One cohort's rate of one adverse outcome, its intervals, its ratios to the most favoured cohort, and its flags.</summary>
/// <param name="Subjects">Subjects of the cohort in the population.</param>
/// <param name="Applicable">Of them, those the outcome applies to (a grade outcome applies to graded subjects only): the rate's denominator.</param>
/// <param name="Adverse">Of them, those with the adverse outcome.</param>
/// <param name="Rate">Adverse / applicable; null when no one.</param>
/// <param name="RateLow">The rate's bootstrap interval, low end.</param>
/// <param name="RateHigh">The rate's bootstrap interval, high end.</param>
/// <param name="AdverseRatio">Rate / the most favoured cohort's rate; null when that is 0 and this is not (unbounded).</param>
/// <param name="ImpactRatio">(1 − rate) / (1 − the most favoured cohort's rate): the four-fifths rule's ratio of favourable-outcome rates; 1 for the most favoured cohort.</param>
/// <param name="ImpactLow">The impact ratio's bootstrap interval, low end.</param>
/// <param name="ImpactHigh">The impact ratio's bootstrap interval, high end; null when unbounded.</param>
/// <param name="Reference">True for the most favoured cohort.</param>
/// <param name="Small">Fewer applicable subjects than the minimum cohort: shown, never flagged.</param>
/// <param name="Flags">The disparity flags raised.</param>
/// <param name="RecordTypes">Record types present among the adversely affected (of this cohort or the reference), most carried first.</param>
public sealed record CohortRate(
    Cohort Cohort,
    int Subjects,
    int Applicable,
    int Adverse,
    double? Rate,
    double? RateLow,
    double? RateHigh,
    double? AdverseRatio,
    double? ImpactRatio,
    double? ImpactLow,
    double? ImpactHigh,
    bool Reference,
    bool Small,
    ImmutableArray<DisparityFlag> Flags,
    ImmutableArray<RecordTypePresence> RecordTypes);
