using Credence.Core.Policies;

namespace Credence.Core.Scoring;

/// <summary>A list's conditions resolved to type indices and grade indices.</summary>
internal sealed class CompiledList
{
    public CompiledList(ListDefinition definition, Func<string, int> typeIndex, Func<string, int> gradeIndex)
    {
        Definition = definition;
        EntryTypes = ToSet(definition.Entry.ActiveRecordOf, typeIndex);
        FulfilledBy = ToSet(definition.Exit.FulfilledBy, typeIndex);
        ExtendedBy = ToSet(definition.Exit.Extension?.By ?? [], typeIndex);
        GradeAtLeast = definition.Entry.GradeAtLeast is { } g1 ? gradeIndex(g1) : -1;
        GradeAtMost = definition.Entry.GradeAtMost is { } g2 ? gradeIndex(g2) : -1;
        NoNegativeWithin = definition.Entry.NoNegativeRecordWithin;
    }

    public ListDefinition Definition { get; }

    public bool RestsOnRecords => EntryTypes.Count > 0;

    public HashSet<int> EntryTypes { get; }

    public HashSet<int> FulfilledBy { get; }

    public HashSet<int> ExtendedBy { get; }

    /// <summary>Grade index the subject must be at or above (lower index = better); -1 if unset.</summary>
    public int GradeAtLeast { get; }

    /// <summary>Grade index the subject must be at or below; -1 if unset.</summary>
    public int GradeAtMost { get; }

    public PolicyDuration? NoNegativeWithin { get; }

    public bool NeedsGrade => GradeAtLeast >= 0 || GradeAtMost >= 0;

    public bool IsRedlist => Definition.Kind == ListKind.Redlist;

    private static HashSet<int> ToSet(IEnumerable<string> ids, Func<string, int> typeIndex) =>
        [.. ids.Select(typeIndex).Where(i => i >= 0)];
}
