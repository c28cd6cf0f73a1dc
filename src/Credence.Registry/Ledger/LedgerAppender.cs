using Credence.Ledger.Hashing;
using Credence.Ledger.Tree;
using Credence.Registry.Storage.Sqlite;

namespace Credence.Registry.Ledger;

/// <summary>
/// The writer's side of the ledger: builds each covered row's entry and appends it, with its tree
/// nodes, inside the writer's open transaction. The Merkle log's compact range lives here, in memory,
/// and is rebuilt from <c>ledger_nodes</c> on open and after every rollback.
/// </summary>
/// <remarks>
/// Implementation note: any failure becomes <see cref="LedgerUnavailableException"/>, which fails the
/// unit of work, so its transaction rolls back and the row is never acknowledged without its entry.
/// There is no switch that turns this off.
/// </remarks>
internal sealed class LedgerAppender
{
    /// <summary>How many subjects' commitments are kept; past it the memory starts afresh.</summary>
    private const int CommitmentCapacity = 65_536;

    private readonly byte[] salt;
    private readonly Dictionary<string, byte[]> commitments = new(StringComparer.Ordinal);
    private readonly Func<string, byte[]> commitment;
    private MerkleLog log;

    private LedgerAppender(SqliteSession session)
    {
        salt = session.LedgerSalt();
        commitment = Commitment;
        log = new MerkleLog(new SqliteNodeStore(session));
        var entries = session.LedgerSize();
        if (entries != log.Size)
        {
            throw new InvalidDataException($"the ledger holds {entries} entries but a tree of {log.Size} leaves");
        }
    }

    /// <summary>The tree as the open transaction sees it.</summary>
    public MerkleLog Log => log;

    /// <summary>The index of the last entry appended (-1 before any).</summary>
    public long LastIndex { get; private set; } = -1;

    public static LedgerAppender Open(SqliteSession session) => new(session);

    /// <summary>
    /// Appends the entry for the row <paramref name="rowKey"/> of <paramref name="kind"/>, just inserted
    /// with <paramref name="values"/> (in <see cref="RowContent.Select"/> order); returns its index.
    /// </summary>
    public long Append(SqliteSession session, EntryKind kind, string rowKey, object?[] values)
    {
        try
        {
            var entry = RowContent.Entry(kind, rowKey, values, salt, commitment);
            var bytes = entry.ToBytes();
            Span<byte> leaf = stackalloc byte[MerkleHash.Length];
            MerkleHasher.LeafHash(bytes, leaf);
            var index = log.Size;
            session.InsertLedgerEntry(index, kind, rowKey, bytes, leaf, entry.SubjectCommitment.Span);
            log.AppendLeafHashes(leaf);
            LastIndex = index;
            return index;
        }
        catch (Exception ex) when (ex is not LedgerUnavailableException)
        {
            throw new LedgerUnavailableException($"the ledger could not take the {kind} entry for row {rowKey}: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// A subject's salted commitment, remembered: a subject's records arrive together and it is one
    /// SHA-256 per entry otherwise. It depends only on the salt and the id, so it never goes stale.
    /// </summary>
    private byte[] Commitment(string subject)
    {
        if (!commitments.TryGetValue(subject, out var commitment))
        {
            if (commitments.Count >= CommitmentCapacity)
            {
                commitments.Clear();
            }

            commitment = RowContent.Commit(salt, subject);
            commitments.Add(subject, commitment);
        }

        return commitment;
    }

    /// <summary>Forgets what the rolled-back transaction appended: reopens the tree from the committed nodes.</summary>
    public void RolledBack(SqliteSession session)
    {
        log = new MerkleLog(new SqliteNodeStore(session));
        LastIndex = -1;
    }
}
