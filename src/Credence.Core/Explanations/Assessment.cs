using System.Collections.Immutable;
using Credence.Core.Identifiers;
using Credence.Core.Records;
using Credence.Core.Scoring;

namespace Credence.Core.Explanations;

/// <summary>
/// A subject's full outcome at an instant under one policy version: score, grade, area subtotals,
/// listings, measures, and the explanation (contributions, key reasons, path forward).
/// </summary>
public sealed record Assessment(
    SubjectId Subject,
    string PolicyVersion,
    DateTimeOffset AsOf,
    ScoreStatus Status,
    int? Score,
    string? Grade,
    ImmutableSortedDictionary<Area, int> AreaSubtotals,
    ImmutableArray<Contribution> Contributions,
    ImmutableArray<InactiveRecord> Inactive,
    ImmutableArray<Listing> Listings,
    ImmutableArray<MeasureOutcome> Measures,
    ImmutableArray<Reason> KeyReasons,
    PathForward PathForward,
    ScoreSummary Summary)
{
    /// <summary>True when the outcome is adverse: not scored, below the base score, blacklisted or restricted.</summary>
    public bool IsAdverse => !KeyReasons.IsDefaultOrEmpty;
}
