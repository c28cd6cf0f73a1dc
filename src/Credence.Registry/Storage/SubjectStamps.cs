namespace Credence.Registry.Storage;

/// <summary>
/// A writer's memory of when each subject's file last changed, in the writer's own count of changes, so
/// that a unit of work can tell whether a file read by an earlier unit is still the subject's file without
/// reading it again (<see cref="IRegistryWriter.FileUnchangedSince"/>; the subject grain's held file).
/// </summary>
/// <remarks>
/// <para>
/// Implementation note: a subject's file is its record versions, its disputes and its repairs, and every
/// store inserts or changes those rows only with a ledger entry naming the subject: a record version's, or
/// the case step that every dispute and repair change is stored with. The store marks the subject here as it
/// appends such an entry of its own (and as it writes a dispute or repair row, to need no such pairing for
/// its own writes), and, for another process's writes, as it catches up with what that process appended
/// before its turn (by the subject's ledger commitment, since the entries carry no subject id). Where it
/// cannot tell which subjects another process changed (too many, a ledger reopened, another connection's
/// commit on SQLite) or a transaction rolled back, it marks every subject (<see cref="ChangedAll"/>). So a
/// file is taken as unchanged only when nothing that could have changed it happened since it was read:
/// a mistake costs a read, never a stale answer.
/// </para>
/// <para>
/// Implementation note: used only on the writer's thread, inside its transactions (no locking). Bounded:
/// past <c>capacity</c> marked subjects it forgets them all by marking every subject, which a file read
/// before that fails and one read after passes.
/// </para>
/// </remarks>
/// <param name="capacity">Subjects marked at most before the memory starts afresh.</param>
internal sealed class SubjectStamps(int capacity)
{
    private static long writers;

    private readonly long writer = Interlocked.Increment(ref writers);
    private readonly Dictionary<string, long> bySubject = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> byCommitment = new(StringComparer.Ordinal);
    private long position;
    private long floor;

    /// <summary>The stamp of a file read now.</summary>
    public FileStamp Now => new(writer, position);

    /// <summary>This writer changed the subject's file (inserted a record version, a dispute, a repair or a case step of it).</summary>
    public void Changed(string subject)
    {
        if (bySubject.Count >= capacity)
        {
            ChangedAll();
        }

        bySubject[subject] = ++position;
    }

    /// <summary>Another process changed the files of the subjects whose ledger commitments are <paramref name="commitments"/>.</summary>
    public void ChangedElsewhere(IEnumerable<byte[]> commitments)
    {
        ArgumentNullException.ThrowIfNull(commitments);
        foreach (var commitment in commitments)
        {
            if (byCommitment.Count >= capacity)
            {
                ChangedAll();
            }

            byCommitment[Convert.ToHexString(commitment)] = ++position;
        }
    }

    /// <summary>Any subject's file may have changed: every file read before now is stale.</summary>
    public void ChangedAll()
    {
        bySubject.Clear();
        byCommitment.Clear();
        floor = ++position;
    }

    /// <summary>
    /// Whether the file of <paramref name="subject"/> read at <paramref name="since"/> is still its file: read by
    /// this writer, after the last time every file was marked, and after the last change marked for the subject.
    /// </summary>
    /// <param name="commitment">The subject's ledger commitment, asked for only when another process changed some file since.</param>
    public bool Unchanged(string subject, Func<string, byte[]> commitment, FileStamp since)
    {
        ArgumentNullException.ThrowIfNull(commitment);
        if (since.Writer != writer || since.Position < floor || since.Position > position)
        {
            return false;
        }

        if (bySubject.TryGetValue(subject, out var changed) && changed > since.Position)
        {
            return false;
        }

        return byCommitment.Count == 0
            || !byCommitment.TryGetValue(Convert.ToHexString(commitment(subject)), out var elsewhere)
            || elsewhere <= since.Position;
    }
}
