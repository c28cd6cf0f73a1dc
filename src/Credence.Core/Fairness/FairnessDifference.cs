using System.Collections.Immutable;

namespace Credence.Core.Fairness;

/// <summary>
/// The fairness section of a simulation report: the difference a draft would make, for every cohort
/// dimension, adverse outcome and cohort, under the baseline (the policy in force, or the one named) and
/// under the draft, from the same subjects at the same instant with the same options. Part of the
/// report's canonical JSON, so the digest a sign-off names covers it.
/// </summary>
/// <param name="Against">The baseline version; null when no policy governed the kind (every disparity of the draft is then introduced).</param>
/// <param name="Draft">The draft's version.</param>
/// <param name="Seed">The bootstrap's seed (both policies' intervals are drawn from it).</param>
/// <param name="Replicates">Bootstrap replicates per cohort and outcome.</param>
/// <param name="Confidence">The intervals' confidence level.</param>
/// <param name="MinCohort">Cohorts with fewer applicable subjects are shown and marked small, never flagged.</param>
/// <param name="AssessedBefore">The population under the baseline; null without one.</param>
/// <param name="AssessedAfter">The population under the draft.</param>
/// <param name="FlaggedBefore">Disparities flagged under the baseline.</param>
/// <param name="FlaggedAfter">Disparities flagged under the draft.</param>
/// <param name="Introduced">Cohorts and outcomes flagged under the draft and not the baseline.</param>
/// <param name="Removed">Cohorts and outcomes flagged under the baseline and not the draft.</param>
/// <param name="Kept">Cohorts and outcomes flagged under both.</param>
/// <param name="Outcomes">The adverse outcomes compared: the draft's, then those only the baseline has.</param>
/// <param name="Cohorts">Every dimension, outcome and cohort, in that order (the draft's order, then what only the baseline has).</param>
/// <param name="Words">What the draft introduces and removes, in plain sentences, English and Chinese line for line.</param>
public sealed record FairnessDifference(
    string? Against,
    string Draft,
    ulong Seed,
    int Replicates,
    double Confidence,
    int MinCohort,
    int? AssessedBefore,
    int AssessedAfter,
    int FlaggedBefore,
    int FlaggedAfter,
    int Introduced,
    int Removed,
    int Kept,
    ImmutableArray<ComparedOutcome> Outcomes,
    ImmutableArray<CohortChange> Cohorts,
    FairnessWords Words);
