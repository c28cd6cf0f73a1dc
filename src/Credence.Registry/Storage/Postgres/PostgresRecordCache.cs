using Credence.Core.Records;

namespace Credence.Registry.Storage.Postgres;

/// <summary>
/// The writer's memory of subjects' record versions across its transactions, so that a subject that
/// intake touches batch after batch is read from the server once, not once per batch (the SQLite
/// store's writer keeps the same).
/// </summary>
/// <remarks>
/// <para>
/// Implementation note: exact because record versions are never updated or deleted, every version
/// this writer inserts is added here as it is inserted, and whatever would make it wrong empties it:
/// a rollback (it may hold versions that were not committed) empties it, and another process's
/// commit, which the writer sees at the start of each transaction as a ledger that grew without it
/// (every version inserted anywhere appends an entry naming its subject's salted commitment), makes
/// it forget the subjects those entries name (<see cref="Forget"/>). Versions are kept as they read
/// back (instants in UTC). Each subject's versions are kept in file order (<see cref="RecordFileOrder"/>),
/// so the file built from them needs no sort.
/// </para>
/// <para>
/// Implementation note: memory is bounded by two generations of at most <c>capacity</c> versions each,
/// as in the SQLite store's cache: when the current one is full it becomes the previous one (the older
/// previous one is dropped), and a subject found only in the previous one moves back into the current
/// one. Before, a full cache started afresh, so a load larger than the cache forgot, every time it
/// filled, the subjects it was about to touch again and read each one's whole history anew.
/// </para>
/// </remarks>
/// <param name="capacity">Versions kept at most in each of the two generations.</param>
/// <param name="commit">A subject's salted commitment, as the ledger's entries name it (<see cref="Ledger.LedgerAppender.SubjectCommitment"/>).</param>
internal sealed class PostgresRecordCache(int capacity, Func<string, byte[]> commit)
{
    private Dictionary<string, List<Record>> current = new(StringComparer.Ordinal);
    private Dictionary<string, List<Record>> previous = new(StringComparer.Ordinal);

    /// <summary>The subjects in memory (either generation) by their ledger commitment (hex), so that catching up finds them without hashing every subject.</summary>
    private readonly Dictionary<string, string> byCommitment = new(StringComparer.Ordinal);

    /// <summary>The commitment (hex) of each subject in memory, so that dropping a generation forgets its subjects' commitments without hashing them again.</summary>
    private readonly Dictionary<string, string> commitments = new(StringComparer.Ordinal);
    private int count;

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
    public void Keep(string subject, List<Record> records)
    {
        previous.Remove(subject);
        if (!commitments.ContainsKey(subject))
        {
            var hex = Convert.ToHexString(commit(subject));
            commitments[subject] = hex;
            byCommitment[hex] = subject;
        }

        Admit(subject, RecordFileOrder.Sort([.. records]));
    }

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

        RecordFileOrder.Insert(records, Utc(record));
        count++;
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
            if (!byCommitment.Remove(Convert.ToHexString(commitment), out var subject))
            {
                continue;
            }

            commitments.Remove(subject);
            previous.Remove(subject);
            if (current.Remove(subject, out var records))
            {
                count -= records.Count;
            }
        }
    }

    /// <summary>Forgets every subject.</summary>
    public void Clear()
    {
        current.Clear();
        previous.Clear();
        byCommitment.Clear();
        commitments.Clear();
        count = 0;
    }

    /// <summary>The version as it reads back from the server: instants in UTC.</summary>
    public static Record Utc(Record record) =>
        record.OccurredAt.Offset == TimeSpan.Zero && record.ReportedAt.Offset == TimeSpan.Zero
            ? record
            : record with { OccurredAt = record.OccurredAt.ToUniversalTime(), ReportedAt = record.ReportedAt.ToUniversalTime() };

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
            // The previous generation is dropped: its subjects are no longer in memory, so their commitments go too.
            foreach (var dropped in previous.Keys)
            {
                if (commitments.Remove(dropped, out var hex))
                {
                    byCommitment.Remove(hex);
                }
            }

            (previous, current) = (current, previous);
            current.Clear();
            count = 0;
        }

        current[subject] = records;
        count += records.Count;
    }
}
