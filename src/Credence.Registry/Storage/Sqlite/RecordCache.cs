using Credence.Core.Records;

namespace Credence.Registry.Storage.Sqlite;

/// <summary>
/// The writer's memory of subjects' record versions, so that a subject re-scored by one intake
/// batch after another is read from the database once, not once per batch.
/// </summary>
/// <remarks>
/// Implementation note: it is exact because every record version enters the database through
/// the writer's <c>TryInsertRecord</c>, which adds it here too; records are never updated or
/// deleted. A rolled-back transaction clears it (it may hold versions that were not committed).
/// Cached versions are stored as they read back from the database (instants in UTC), so a
/// cached file and a read one are the same file. When it holds more than its capacity it starts
/// afresh: a bound on memory, not an eviction policy.
/// </remarks>
internal sealed class RecordCache(int capacity)
{
    private readonly Dictionary<string, List<Record>> subjects = new(StringComparer.Ordinal);
    private int count;

    /// <summary>A copy of the subject's versions, or null when they are not in memory.</summary>
    public List<Record>? Find(string subject) => subjects.TryGetValue(subject, out var records) ? [.. records] : null;

    /// <summary>Remembers the versions just read for a subject.</summary>
    public void Keep(string subject, List<Record> records)
    {
        if (count + records.Count > capacity)
        {
            Clear();
        }

        subjects[subject] = [.. records];
        count += records.Count;
    }

    /// <summary>A version was inserted: a subject in memory gets it too.</summary>
    public void Added(Record record)
    {
        if (subjects.TryGetValue(record.Subject.Value, out var records))
        {
            records.Add(record.OccurredAt.Offset == TimeSpan.Zero && record.ReportedAt.Offset == TimeSpan.Zero
                ? record
                : record with { OccurredAt = record.OccurredAt.ToUniversalTime(), ReportedAt = record.ReportedAt.ToUniversalTime() });
            count++;
        }
    }

    public void Clear()
    {
        subjects.Clear();
        count = 0;
    }
}
