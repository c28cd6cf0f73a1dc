using Credence.Core.Records;

namespace Credence.Registry.Storage;

/// <summary>
/// A store writer's memory of subjects' record versions in two generations, the part both stores' record
/// caches share: a subject re-scored batch after batch (or week after week by the scheduler) is read from the
/// database once. Each subject's versions are kept in file order (<see cref="RecordFileOrder"/>) and as they
/// read back (instants in UTC), so a remembered file and a read one are the same file and need no sort.
/// </summary>
/// <remarks>
/// Implementation note: memory is bounded by two generations of at most <c>capacity</c> versions each. When
/// the current one is full it becomes the previous one (the older previous one is dropped), and a subject found
/// only in the previous one moves back into the current one. That keeps the subjects touched again and again in
/// memory at the cost of two dictionaries, where starting afresh when full dropped them all and read every one
/// of them again (with a city of a million versions, an eighth of the SQLite writer's time). What keeps it exact
/// (every version inserted added here, a rollback or another process's commit forgetting) is each store's.
/// </remarks>
/// <param name="capacity">Versions kept at most in each of the two generations.</param>
internal class RecordGenerations(int capacity)
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
    public virtual void Keep(string subject, List<Record> records)
    {
        previous.Remove(subject);
        Admit(subject, RecordFileOrder.Sort([.. records]));
    }

    /// <summary>A version was inserted: a subject in memory gets it too.</summary>
    public void Added(Record record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var subject = record.Subject.Value;
        if (!current.TryGetValue(subject, out var records))
        {
            if (!previous.Remove(subject, out records))
            {
                return;
            }

            Admit(subject, records);
        }

        RecordFileOrder.Insert(records, Utc(record));
        count++;
    }

    /// <summary>Forgets every subject.</summary>
    public virtual void Clear()
    {
        current.Clear();
        previous.Clear();
        count = 0;
    }

    /// <summary>The version as it reads back from a database: instants in UTC.</summary>
    public static Record Utc(Record record) =>
        record.OccurredAt.Offset == TimeSpan.Zero && record.ReportedAt.Offset == TimeSpan.Zero
            ? record
            : record with { OccurredAt = record.OccurredAt.ToUniversalTime(), ReportedAt = record.ReportedAt.ToUniversalTime() };

    /// <summary>Forgets one subject, in whichever generation it is.</summary>
    protected void Remove(string subject)
    {
        previous.Remove(subject);
        if (current.Remove(subject, out var records))
        {
            count -= records.Count;
        }
    }

    /// <summary>The previous generation, with these subjects, is about to be dropped.</summary>
    protected virtual void Dropping(IEnumerable<string> subjects)
    {
    }

    /// <summary>Puts a subject's versions (in neither generation now, or in the current one) in the current generation, turning it over first when it is full.</summary>
    private void Admit(string subject, List<Record> records)
    {
        // Out of the current generation first, so that a turn-over does not leave it in both.
        if (current.Remove(subject, out var old))
        {
            count -= old.Count;
        }

        if (count + records.Count > capacity && current.Count > 0)
        {
            Dropping(previous.Keys);
            (previous, current) = (current, previous);
            current.Clear();
            count = 0;
        }

        current[subject] = records;
        count += records.Count;
    }
}
