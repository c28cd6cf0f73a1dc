using System.Collections.Immutable;

namespace Credence.Registry.Storage;

/// <summary>Counts over the whole registry: subjects by policy and grade, open listings by list, due process, and totals.</summary>
public sealed record RegistryCounts(
    long Subjects,
    long RecordVersions,
    long Decisions,
    ImmutableArray<GradeCount> Grades,
    ImmutableArray<ListCount> Lists,
    DueProcessCounts DueProcess);
