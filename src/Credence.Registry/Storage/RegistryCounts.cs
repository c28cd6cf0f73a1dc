using System.Collections.Immutable;
using System.Globalization;
using Credence.Core.DueProcess;

namespace Credence.Registry.Storage;

/// <summary>Counts over the whole registry: subjects by policy and grade, open listings by list, due process, and totals.</summary>
public sealed record RegistryCounts(
    long Subjects,
    long RecordVersions,
    long Decisions,
    ImmutableArray<GradeCount> Grades,
    ImmutableArray<ListCount> Lists,
    DueProcessCounts DueProcess)
{
    /// <summary>
    /// The counts from the tallies a store keeps (<c>summary_tallies</c>, <c>grade_tallies</c>,
    /// <c>list_tallies</c>, the same names on every store) and the open listings whose term has passed.
    /// </summary>
    /// <param name="tallies">The <c>summary_tallies</c> rows by name; a missing name counts 0.</param>
    internal static RegistryCounts FromTallies(
        IReadOnlyDictionary<string, long> tallies,
        IEnumerable<GradeCount> grades,
        IEnumerable<ListCount> open,
        IEnumerable<ListCount> lapsed)
    {
        long Tally(string name) => tallies.GetValueOrDefault(name);
        long Disputes(DisputeState state) => Tally("dispute." + ((int)state).ToString(CultureInfo.InvariantCulture));
        return new(
            Tally("subjects"),
            Tally("records"),
            Tally("decisions"),
            [.. grades],
            ListCount.InForce(open, lapsed),
            new DueProcessCounts(
                Disputes(DisputeState.Open),
                Disputes(DisputeState.Verified),
                Disputes(DisputeState.Corrected),
                Disputes(DisputeState.Withdrawn),
                Disputes(DisputeState.ResolvedForSubject),
                Tally("repairs.granted"),
                Tally("repairs.refused"),
                Tally("appeals"),
                Tally("marks"),
                Tally("notices")));
    }
}
