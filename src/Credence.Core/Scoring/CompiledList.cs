using Credence.Core.Policies;

namespace Credence.Core.Scoring;

/// <summary>A list's conditions resolved to type indices and grade indices.</summary>
internal sealed class CompiledList
{
    private static readonly HashSet<int> None = [];

    private readonly HashSet<int>[] answeredBy;

    public CompiledList(ListDefinition definition, IReadOnlyList<RecordType> types, Func<string, int> typeIndex, Func<string, int> gradeIndex)
    {
        Definition = definition;
        EntryTypes = ToSet(definition.Entry.ActiveRecordOf, typeIndex);
        FulfilledBy = ToSet(definition.Exit.AllFulfilmentTypes, typeIndex);
        answeredBy = Pairs(definition.Exit, EntryTypes, types, typeIndex);
        ExtendedBy = ToSet(definition.Exit.Extension?.By ?? [], typeIndex);
        GradeAtLeast = definition.Entry.GradeAtLeast is { } g1 ? gradeIndex(g1) : -1;
        GradeAtMost = definition.Entry.GradeAtMost is { } g2 ? gradeIndex(g2) : -1;
        NoNegativeWithin = definition.Entry.NoNegativeRecordWithin;
    }

    public ListDefinition Definition { get; }

    public bool RestsOnRecords => EntryTypes.Count > 0;

    public HashSet<int> EntryTypes { get; }

    /// <summary>Every type that may end some hold on this list (in either form of the exit).</summary>
    public HashSet<int> FulfilledBy { get; }

    public HashSet<int> ExtendedBy { get; }

    /// <summary>Grade index the subject must be at or above (lower index = better); -1 if unset.</summary>
    public int GradeAtLeast { get; }

    /// <summary>Grade index the subject must be at or below; -1 if unset.</summary>
    public int GradeAtMost { get; }

    public PolicyDuration? NoNegativeWithin { get; }

    public bool NeedsGrade => GradeAtLeast >= 0 || GradeAtMost >= 0;

    public bool IsRedlist => Definition.Kind == ListKind.Redlist;

    /// <summary>
    /// The types whose records end the hold of a qualifying record of <paramref name="entryType"/>:
    /// the fulfilment of that obligation, and nothing else. Empty for a type that does not enter the list.
    /// </summary>
    public HashSet<int> AnsweredBy(int entryType) => (uint)entryType < (uint)answeredBy.Length ? answeredBy[entryType] : None;

    /// <remarks>
    /// Implementation note: the pairs are resolved here, once per policy, so that compiling a
    /// subject's facts looks up one set per qualifying record, as it did with one set per list.
    /// In the short form a type answers the entry types about its own matter; in the explicit
    /// form, the entry types its rule names (which the validator requires to enter the list).
    /// </remarks>
    private static HashSet<int>[] Pairs(ListExit exit, HashSet<int> entryTypes, IReadOnlyList<RecordType> types, Func<string, int> typeIndex)
    {
        var result = new HashSet<int>[types.Count];
        Array.Fill(result, None);
        void Add(int e, int f)
        {
            if (e < 0 || f < 0 || !entryTypes.Contains(e))
            {
                return;
            }

            if (ReferenceEquals(result[e], None))
            {
                result[e] = [];
            }

            result[e].Add(f);
        }

        foreach (var f in (exit.FulfilledBy.IsDefault ? [] : exit.FulfilledBy).Select(typeIndex).Where(i => i >= 0))
        {
            foreach (var e in entryTypes.Where(e => types[e].Matter == types[f].Matter))
            {
                Add(e, f);
            }
        }

        foreach (var rule in exit.Rules.IsDefault ? [] : exit.Rules)
        {
            foreach (var e in (rule.For.IsDefault ? [] : rule.For).Select(typeIndex))
            {
                foreach (var f in (rule.By.IsDefault ? [] : rule.By).Select(typeIndex))
                {
                    Add(e, f);
                }
            }
        }

        return result;
    }

    private static HashSet<int> ToSet(IEnumerable<string> ids, Func<string, int> typeIndex) =>
        [.. ids.Select(typeIndex).Where(i => i >= 0)];
}
