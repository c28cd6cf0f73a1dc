using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Credence.Ledger.Hashing;
using Credence.Ledger.Tree;

namespace Credence.Registry.Ledger;

/// <summary>
/// The writer's side of the ledger, shared by every store: builds each covered row's entry from the
/// domain object (<see cref="EntryContent"/>) and appends it, with its tree nodes, inside the store's
/// open transaction (<see cref="ILedgerTables"/>). The Merkle log's compact range lives here, in memory,
/// and is rebuilt from the stored nodes on open and after every rollback (<see cref="Reload"/>).
/// </summary>
/// <remarks>
/// <para>
/// Implementation note: appends are integrated in runs. <see cref="Append"/> gives the entry its index
/// at once (the unit of work learns it) and keeps it; <see cref="Flush"/> stores the run's entries
/// with one call and its nodes with another. A store flushes before it commits, and the appender
/// flushes by itself every <see cref="BatchSize"/> entries, so a run never grows without bound. Until a
/// run is flushed its entries are not in the tables: a checkpoint signed in the same transaction
/// signs the prefix that is, which commits with it or before it.
/// </para>
/// <para>
/// Implementation note: an entry's content, digest and leaf hash are built at the flush, not at the
/// append: they depend only on the row, which is immutable, and the salt, so a run's entries are
/// built together, in parallel once the run is long enough (an intake batch's record versions), and
/// the writer's thread no longer hashes each one while nothing else runs. The index is still given
/// at the append. A row whose entry cannot be built therefore fails the flush, which fails the
/// transaction like a failed insert of the entries does.
/// </para>
/// <para>
/// Implementation note: any failure becomes <see cref="LedgerUnavailableException"/>, which fails the
/// unit of work (or the transaction, at a flush), so it rolls back and no row is acknowledged without
/// its entry. There is no switch that turns this off.
/// </para>
/// </remarks>
public sealed class LedgerAppender
{
    /// <summary>The default run of entries integrated at once.</summary>
    public const int DefaultBatchSize = 256;

    /// <summary>How many subjects' commitments are kept; past it the memory starts afresh.</summary>
    private const int CommitmentCapacity = 65_536;

    /// <summary>
    /// From this many entries a run's entries are built in parallel: a bulk intake's run, never a
    /// group of decisions, whose latency should not wait on another thread being scheduled.
    /// </summary>
    private const int ParallelFrom = 1024;

    private readonly ConcurrentDictionary<string, byte[]> commitments = new(StringComparer.Ordinal);
    private readonly Func<string, byte[]> commitment;
    private readonly Func<string, byte[]> newCommitment;
    private readonly List<LedgeredRow> pending = [];
    private byte[] leaves = new byte[DefaultBatchSize * MerkleHash.Length];
    private readonly byte[] salt;
    private LedgerNodeStore nodes;
    private MerkleLog log;

    private LedgerAppender(ILedgerTables tables, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        BatchSize = batchSize;
        commitment = Commitment;
        newCommitment = subject => EntryContent.Commit(salt, subject);
        salt = tables.Salt();
        (nodes, log) = OpenTree(tables);
    }

    /// <summary>Entries integrated at once at most (the store flushes the rest before it commits).</summary>
    public int BatchSize { get; }

    /// <summary>The index of the last entry appended (-1 before any, and after a reload).</summary>
    public long LastIndex { get; private set; } = -1;

    /// <summary>The ledger's size as the open transaction will commit it: the entries stored and those waiting for the next flush.</summary>
    public long Size => log.Size + pending.Count;

    /// <summary>Opens the appender over the ledger that <paramref name="tables"/> (the writer's transaction) holds.</summary>
    /// <exception cref="InvalidDataException">The stored entries and nodes disagree on the ledger's size.</exception>
    public static LedgerAppender Open(ILedgerTables tables, int batchSize = DefaultBatchSize) =>
        new(tables ?? throw new ArgumentNullException(nameof(tables)), batchSize);

    /// <summary>
    /// Appends the entry for <paramref name="row"/>, just inserted in the transaction of
    /// <paramref name="tables"/>, and returns its index.
    /// </summary>
    /// <exception cref="LedgerUnavailableException">The entry could not be built or stored: fail the unit of work.</exception>
    public long Append(ILedgerTables tables, LedgeredRow row)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(row);
        try
        {
            var index = Size;
            pending.Add(row);
            LastIndex = index;
            if (pending.Count >= BatchSize)
            {
                Flush(tables);
            }

            return index;
        }
        catch (Exception ex) when (ex is not LedgerUnavailableException)
        {
            throw new LedgerUnavailableException($"the ledger could not take the {row.Kind} entry for row {row.RowKey}: {ex.Message}", ex);
        }
    }

    /// <summary>Stores the entries appended since the last flush, and their tree nodes, in the transaction of <paramref name="tables"/>.</summary>
    /// <exception cref="LedgerUnavailableException">They could not be stored: fail the transaction.</exception>
    public void Flush(ILedgerTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        if (pending.Count == 0)
        {
            return;
        }

        var first = log.Size;
        try
        {
            var entries = Build(first);
            nodes.Ledger = tables;
            tables.InsertEntries(entries);
            log.AppendLeafHashes(leaves.AsSpan(0, entries.Length * MerkleHash.Length));
            pending.Clear();
        }
        catch (Exception ex) when (ex is not LedgerUnavailableException)
        {
            throw new LedgerUnavailableException($"the ledger could not store entries {first} to {first + pending.Count - 1}: {ex.Message}", ex);
        }
    }

    /// <summary>The pending rows' entries, indexed from <paramref name="first"/>, with their leaf hashes in <see cref="leaves"/>.</summary>
    private StoredLedgerEntry[] Build(long first)
    {
        var n = pending.Count;
        if (leaves.Length < n * MerkleHash.Length)
        {
            Array.Resize(ref leaves, Math.Max(leaves.Length * 2, n * MerkleHash.Length));
        }

        // The memory of commitments is bounded here, between runs, so that building never clears it.
        if (commitments.Count + n > CommitmentCapacity)
        {
            commitments.Clear();
        }

        var entries = new StoredLedgerEntry[n];
        void One(int i)
        {
            var row = pending[i];
            try
            {
                var entry = EntryContent.Entry(row, salt, commitment);
                var bytes = entry.ToBytes();
                var leaf = leaves.AsSpan(i * MerkleHash.Length, MerkleHash.Length);
                MerkleHasher.LeafHash(bytes, leaf);
                entries[i] = new StoredLedgerEntry(first + i, row.Kind, row.RowKey, bytes, leaf.ToArray(), entry.SubjectCommitment.ToArray());
            }
            catch (Exception ex)
            {
                throw new LedgerUnavailableException($"the ledger could not take the {row.Kind} entry for row {row.RowKey}: {ex.Message}", ex);
            }
        }

        if (n >= ParallelFrom)
        {
            try
            {
                Parallel.For(0, n, One);
            }
            catch (AggregateException ex)
            {
                ExceptionDispatchInfo.Throw(ex.InnerExceptions[0]);
            }
        }
        else
        {
            for (var i = 0; i < n; i++)
            {
                One(i);
            }
        }

        return entries;
    }

    /// <summary>
    /// Forgets what was appended and not committed, and reopens the tree from the nodes
    /// <paramref name="tables"/> holds: after a rollback, or when another writer may have appended.
    /// </summary>
    public void Reload(ILedgerTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        pending.Clear();
        (nodes, log) = OpenTree(tables);
        LastIndex = -1;
    }

    /// <summary>
    /// Another writer committed entries since this one's last transaction: the tree grows to
    /// <paramref name="size"/> leaves, keeping what this writer knows, with the new right edge taken
    /// from <paramref name="appended"/> (nodes the others appended, by position; any the edge needs and
    /// it lacks are read from <paramref name="tables"/>).
    /// </summary>
    /// <remarks>
    /// Implementation note: a subtree's hash never changes once it is complete, so the tree of the
    /// larger size is the old one's edge, where it still is the edge, plus nodes appended since; the
    /// root then equals what <see cref="Reload"/> reads (the tests compare them). Only at the start of a
    /// transaction, with nothing pending: after a rollback the tree may hold entries that were never
    /// committed, and only <see cref="Reload"/> forgets them.
    /// </remarks>
    /// <exception cref="InvalidOperationException">Entries are pending, or <paramref name="size"/> is smaller than the tree.</exception>
    public void CatchUp(ILedgerTables tables, long size, IReadOnlyDictionary<long, byte[]> appended)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(appended);
        if (pending.Count != 0 || size < log.Size)
        {
            throw new InvalidOperationException($"the ledger cannot catch up from {log.Size} entries ({pending.Count} pending) to {size}");
        }

        nodes.Ledger = tables;
        nodes.Grow(size, appended);
        log = new MerkleLog(nodes);
        LastIndex = -1;
    }

    /// <summary>The root of the tree as this writer holds it (its entries stored and flushed).</summary>
    public byte[] Root => log.RootHash.Span.ToArray();

    /// <summary>The subject's salted commitment, as the ledger's entries carry it.</summary>
    public byte[] SubjectCommitment(string subject) => commitments.GetOrAdd(subject ?? throw new ArgumentNullException(nameof(subject)), newCommitment);

    private static (LedgerNodeStore Nodes, MerkleLog Log) OpenTree(ILedgerTables tables)
    {
        var nodes = new LedgerNodeStore(tables);
        var log = new MerkleLog(nodes);
        var entries = tables.Size();
        if (entries != log.Size)
        {
            throw new InvalidDataException($"the ledger holds {entries} entries but a tree of {log.Size} leaves");
        }

        return (nodes, log);
    }

    /// <summary>
    /// A subject's salted commitment, remembered: a subject's records arrive together and it is one
    /// SHA-256 per entry otherwise. It depends only on the salt and the id, so it never goes stale.
    /// </summary>
    private byte[] Commitment(string subject) => commitments.GetOrAdd(subject, newCommitment);
}
