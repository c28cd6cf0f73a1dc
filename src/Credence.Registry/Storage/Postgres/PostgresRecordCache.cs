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
/// Implementation note: memory is bounded by the two generations both stores' caches share
/// (<see cref="RecordGenerations"/>); what this one adds is the subjects' ledger commitments, to forget
/// what another process changed.
/// </para>
/// </remarks>
/// <param name="capacity">Versions kept at most in each of the two generations.</param>
/// <param name="commit">A subject's salted commitment, as the ledger's entries name it (<see cref="Ledger.LedgerAppender.SubjectCommitment"/>).</param>
internal sealed class PostgresRecordCache(int capacity, Func<string, byte[]> commit) : RecordGenerations(capacity)
{
    /// <summary>The subjects in memory (either generation) by their ledger commitment (hex), so that catching up finds them without hashing every subject.</summary>
    private readonly Dictionary<string, string> byCommitment = new(StringComparer.Ordinal);

    /// <summary>The commitment (hex) of each subject in memory, so that dropping a generation forgets its subjects' commitments without hashing them again.</summary>
    private readonly Dictionary<string, string> commitments = new(StringComparer.Ordinal);

    /// <summary>Remembers the versions just read for a subject.</summary>
    public override void Keep(string subject, List<Record> records)
    {
        if (!commitments.ContainsKey(subject))
        {
            var hex = Convert.ToHexString(commit(subject));
            commitments[subject] = hex;
            byCommitment[hex] = subject;
        }

        base.Keep(subject, records);
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
            if (byCommitment.Remove(Convert.ToHexString(commitment), out var subject))
            {
                commitments.Remove(subject);
                Remove(subject);
            }
        }
    }

    /// <summary>Forgets every subject.</summary>
    public override void Clear()
    {
        base.Clear();
        byCommitment.Clear();
        commitments.Clear();
    }

    /// <summary>The previous generation is dropped: its subjects are no longer in memory, so their commitments go too.</summary>
    protected override void Dropping(IEnumerable<string> subjects)
    {
        foreach (var dropped in subjects)
        {
            if (commitments.Remove(dropped, out var hex))
            {
                byCommitment.Remove(hex);
            }
        }
    }
}
