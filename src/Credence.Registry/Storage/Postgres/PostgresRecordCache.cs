using Credence.Core.Records;

namespace Credence.Registry.Storage.Postgres;

/// <summary>
/// The writer's memory of subjects' record versions across its transactions, so that a subject that
/// intake touches batch after batch is read from the server once, not once per batch (the SQLite
/// store's writer keeps the same).
/// </summary>
/// <remarks>
/// Implementation note: exact because record versions are never updated or deleted, every version
/// this writer inserts is added here as it is inserted, and whatever would make it wrong empties it:
/// a rollback (it may hold versions that were not committed) empties it, and another process's
/// commit, which the writer sees at the start of each transaction as a ledger that grew without it
/// (every version inserted anywhere appends an entry naming its subject's salted commitment), makes
/// it forget the subjects those entries name (<see cref="Forget"/>). Versions are kept as they read
/// back (instants in UTC). Past its capacity it starts afresh: a bound on memory, not an eviction policy. Each subject's versions
/// are kept in file order (<see cref="RecordFileOrder"/>), so the file built from them needs no sort.
/// </remarks>
/// <param name="capacity">Versions kept at most.</param>
/// <param name="commit">A subject's salted commitment, as the ledger's entries name it (<see cref="Ledger.LedgerAppender.SubjectCommitment"/>).</param>
internal sealed class PostgresRecordCache(int capacity, Func<string, byte[]> commit)
{
    private readonly Dictionary<string, List<Record>> subjects = new(StringComparer.Ordinal);

    /// <summary>The subjects in memory by their ledger commitment (hex), so that catching up finds them without hashing every subject.</summary>
    private readonly Dictionary<string, string> byCommitment = new(StringComparer.Ordinal);
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

        if (subjects.Remove(subject, out var replaced))
        {
            count -= replaced.Count;
        }
        else
        {
            byCommitment[Convert.ToHexString(commit(subject))] = subject;
        }

        subjects[subject] = RecordFileOrder.Sort([.. records]);
        count += records.Count;
    }

    /// <summary>A version was inserted: a subject in memory gets it too.</summary>
    public void Added(Record record)
    {
        if (subjects.TryGetValue(record.Subject.Value, out var records))
        {
            RecordFileOrder.Insert(records, Utc(record));
            count++;
        }
    }

    /// <summary>
    /// Another process inserted versions of the subjects whose ledger commitments are
    /// <paramref name="changed"/>: forgets them (the rest stay exact).
    /// </summary>
    public void Forget(IEnumerable<byte[]> changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        foreach (var commitment in changed)
        {
            if (byCommitment.Remove(Convert.ToHexString(commitment), out var subject) && subjects.Remove(subject, out var records))
            {
                count -= records.Count;
            }
        }
    }

    /// <summary>Forgets every subject.</summary>
    public void Clear()
    {
        subjects.Clear();
        byCommitment.Clear();

        count = 0;
    }

    /// <summary>The version as it reads back from the server: instants in UTC.</summary>
    public static Record Utc(Record record) =>
        record.OccurredAt.Offset == TimeSpan.Zero && record.ReportedAt.Offset == TimeSpan.Zero
            ? record
            : record with { OccurredAt = record.OccurredAt.ToUniversalTime(), ReportedAt = record.ReportedAt.ToUniversalTime() };
}
