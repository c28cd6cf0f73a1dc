using System.Collections.Immutable;

namespace Credence.Core.Fairness;

/// <summary>
/// The fairness report of the policies in force at an instant: per kind of subject, per cohort
/// dimension and per adverse outcome, each cohort's rate with its interval, its ratios to the most
/// favoured cohort, the disparities flagged and the record types that carry them, said in words.
/// </summary>
/// <param name="Unreadable">Stored subjects whose identifier its scheme refuses: no cohort can be read, so they are counted here and nowhere else.</param>
/// <param name="Summary">Every section's words, and the report's own.</param>
public sealed record FairnessReport(
    DateTimeOffset AsOf,
    ulong Seed,
    int Replicates,
    double Confidence,
    int MinCohort,
    string? GradeAtOrBelow,
    int Unreadable,
    ImmutableArray<FairnessSection> Sections,
    FairnessWords Summary);
