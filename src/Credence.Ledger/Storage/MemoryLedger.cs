using Credence.Ledger.Hashing;
using Credence.Ledger.Proofs;
using Credence.Ledger.Tree;

namespace Credence.Ledger.Storage;

/// <summary>An <see cref="ILedgerStore"/> held in memory: nothing durable.</summary>
/// <remarks>
/// Implementation note: for tests and tools (a receipt for a tree of one's own, through
/// <see cref="Receipts.ReceiptIssuer"/>); appends complete synchronously under a lock. The registry keeps
/// its ledger in its own store, beside the rows it covers, and does not use this type.
/// </remarks>
public sealed class MemoryLedger : ILedgerStore
{
    private readonly Lock _lock = new();
    private readonly List<byte[]> _entries = [];
    private readonly MemoryNodeStore _nodes = new();
    private readonly MerkleLog _log;
    private readonly ProofBuilder _proofs;
    private TreeHead _head;

    public MemoryLedger()
    {
        _log = new MerkleLog(_nodes);
        _proofs = new ProofBuilder(_nodes);
        _head = _log.Head;
    }

    /// <inheritdoc />
    public TreeHead Head => Volatile.Read(ref _head);

    /// <inheritdoc />
    public Task<long> AppendAsync(ReadOnlyMemory<byte> entry, CancellationToken cancellationToken = default)
    {
        LedgerLimits.RequireValidEntry(entry.Span, nameof(entry));
        return cancellationToken.IsCancellationRequested
            ? Task.FromCanceled<long>(cancellationToken)
            : Task.FromResult(AppendBatch([entry]));
    }

    /// <inheritdoc />
    public long AppendBatch(IReadOnlyList<ReadOnlyMemory<byte>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            throw new ArgumentException("A batch needs at least one entry.", nameof(entries));
        }

        foreach (var entry in entries)
        {
            LedgerLimits.RequireValidEntry(entry.Span, nameof(entries));
        }

        lock (_lock)
        {
            var first = _log.Size;
            foreach (var entry in entries)
            {
                _entries.Add(entry.ToArray());
                _log.Append(entry.Span);
            }

            Volatile.Write(ref _head, _log.Head);
            return first;
        }
    }

    /// <inheritdoc />
    public byte[] ReadEntry(long index)
    {
        lock (_lock)
        {
            return index >= 0 && index < Head.Size
                ? (byte[])_entries[(int)index].Clone()
                : throw new ArgumentOutOfRangeException(nameof(index), $"Entry {index} is not in a ledger of {Head.Size} entries.");
        }
    }

    /// <inheritdoc />
    public MerkleHash RootHash(long treeSize) => _proofs.RootHash(treeSize);

    /// <inheritdoc />
    public InclusionProof ProveInclusion(long leafIndex, long treeSize) => _proofs.InclusionProof(leafIndex, treeSize);

    /// <inheritdoc />
    public ConsistencyProof ProveConsistency(long oldSize, long newSize) => _proofs.ConsistencyProof(oldSize, newSize);

    /// <inheritdoc />
    public void Dispose() => _nodes.Dispose();
}
