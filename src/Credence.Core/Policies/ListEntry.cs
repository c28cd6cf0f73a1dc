using System.Collections.Immutable;

namespace Credence.Core.Policies;

/// <summary>
/// Entry conditions of a list; all that are set must hold. The vocabulary is closed: an active
/// record of one of <see cref="ActiveRecordOf"/>; a grade at least or at most a band; no negative
/// record within a period.
/// </summary>
public sealed record ListEntry(
    ImmutableArray<string> ActiveRecordOf,
    string? GradeAtLeast,
    string? GradeAtMost,
    PolicyDuration? NoNegativeRecordWithin)
{
    /// <summary>True when entry rests on an adjudicated record rather than on a score or grade.</summary>
    public bool RestsOnRecords => !ActiveRecordOf.IsDefaultOrEmpty;
}
