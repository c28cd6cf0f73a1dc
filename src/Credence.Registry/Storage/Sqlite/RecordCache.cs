using Credence.Core.Records;

namespace Credence.Registry.Storage.Sqlite;

/// <summary>
/// The writer's memory of subjects' record versions, so that a subject re-scored by one intake
/// batch after another (or by the scheduler) is read from the database once, not once per batch.
/// </summary>
/// <remarks>
/// Implementation note: it is exact because every record version enters the database through
/// the writer's <c>TryInsertRecord</c>, which adds it here too; records are never updated or
/// deleted. A rolled-back transaction clears it (it may hold versions that were not committed).
/// Cached versions are stored as they read back from the database (instants in UTC), so a
/// cached file and a read one are the same file. Each subject's versions are kept in file order
/// (<see cref="RecordFileOrder"/>), so the file built from them at every re-scoring needs no sort.
/// <para>
/// Implementation note: memory is bounded by two generations of at most <c>capacity</c> versions
/// each. When the current one is full it becomes the previous one (the older previous one is
/// dropped), and a subject found only in the previous one moves back into the current one. That
/// keeps the subjects re-scored again and again (a city's active ones, week after week) in memory
/// at the cost of two dictionaries, where starting afresh when full (as before) dropped them all
/// and read every one of them again: with a city of a million versions that was an eighth of the
/// writer's time.
/// </para>
/// </remarks>
internal sealed class RecordCache(int capacity)
{
    private Dictionary<string, List<Record>> current = new(StringComparer.Ordinal);
    private Dictionary<string, List<Record>> previous = new(StringComparer.Ordinal);
    private int count;

    /// <summary>Versions held in the current generation (the previous one holds at most as many).</summary>
    public int Count => count;

    /// <summary>A copy of the subject's versions, or null when they are not in memory.</summary>
    public List<Record>? Find(string subject)
    {
        if (current.TryGetValue(subject, out var records))
        {
            return [.. records];
        }

        if (!previous.Remove(subject, out records))
        {
            return null;
        }

        Admit(subject, records);
        return [.. records];
    }

    /// <summary>Remembers the versions just read for a subject.</summary>
    public void Keep(string subject, List<Record> records) => Admit(subject, RecordFileOrder.Sort([.. records]));

    /// <summary>A version was inserted: a subject in memory gets it too.</summary>
    public void Added(Record record)
    {
        var subject = record.Subject.Value;
        if (!current.TryGetValue(subject, out var records))
        {
            if (!previous.Remove(subject, out records))
            {
                return;
            }

            Admit(subject, records);
        }

        RecordFileOrder.Insert(records, record.OccurredAt.Offset == TimeSpan.Zero && record.ReportedAt.Offset == TimeSpan.Zero
            ? record
            : record with { OccurredAt = record.OccurredAt.ToUniversalTime(), ReportedAt = record.ReportedAt.ToUniversalTime() });
        count++;
    }

    public void Clear()
    {
        current.Clear();
        previous.Clear();
        count = 0;
    }

    /// <summary>Puts a subject's versions in the current generation, turning it over first when it is full.</summary>
    private void Admit(string subject, List<Record> records)
    {
        if (count + records.Count > capacity && current.Count > 0)
        {
            (previous, current) = (current, previous);
            current.Clear();
            count = 0;
        }

        if (current.TryGetValue(subject, out var old))
        {
            count -= old.Count;
        }

        current[subject] = records;
        count += records.Count;
    }
}
