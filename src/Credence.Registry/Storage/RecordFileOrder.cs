using Credence.Core.Records;

namespace Credence.Registry.Storage;

/// <summary>
/// Keeps a store's in-memory list of one subject's record versions in <see cref="SubjectFile.FileOrder"/>,
/// so that building the subject's file at every re-scoring finds it ordered and does not sort it.
/// </summary>
/// <remarks>
/// Implementation note: a new version almost always belongs at or near the end (a later version of
/// a record, or a new record whose id sorts after the others), so the place is searched from the end.
/// The order of the list is otherwise immaterial: everything that reads it (the file, review times,
/// planned transitions) takes it as a set.
/// </remarks>
internal static class RecordFileOrder
{
    /// <summary>Sorts <paramref name="records"/> in file order, in place (keys and versions are unique, so the order is total).</summary>
    public static List<Record> Sort(List<Record> records)
    {
        records.Sort(SubjectFile.FileOrder);
        return records;
    }

    /// <summary>Inserts <paramref name="record"/> at its place in a list already in file order.</summary>
    public static void Insert(List<Record> records, Record record)
    {
        var i = records.Count;
        while (i > 0 && SubjectFile.FileOrder(records[i - 1], record) > 0)
        {
            i--;
        }

        records.Insert(i, record);
    }
}
