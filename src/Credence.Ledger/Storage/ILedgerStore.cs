using Credence.Ledger.Hashing;
using Credence.Ledger.Proofs;
using Credence.Ledger.Tree;

namespace Credence.Ledger.Storage;

/// <summary>
/// An append-only ledger of entries with a Merkle tree over them: appends, reads, tree heads and proofs.
/// </summary>
/// <remarks>
/// Implementation note: an append is acknowledged (its task completes, or <see cref="AppendBatch"/>
/// returns) only once the entry is stored as durably as the implementation can store it; everything
/// read through the interface (head, entries, proofs) covers acknowledged entries only. Entries are
/// 1 byte to <see cref="LedgerLimits.MaxEntryLength"/> bytes.
/// </remarks>
public interface ILedgerStore : IDisposable
{
    /// <summary>The size and root of all acknowledged entries.</summary>
    TreeHead Head { get; }

    /// <summary>Appends one entry; the task yields its index once the entry is durable.</summary>
    Task<long> AppendAsync(ReadOnlyMemory<byte> entry, CancellationToken cancellationToken = default);

    /// <summary>Appends entries in order as one commit and returns the index of the first, once all are durable.</summary>
    long AppendBatch(IReadOnlyList<ReadOnlyMemory<byte>> entries);

    /// <summary>The bytes of the acknowledged entry at <paramref name="index"/>.</summary>
    byte[] ReadEntry(long index);

    /// <summary>The root hash of the first <paramref name="treeSize"/> entries.</summary>
    MerkleHash RootHash(long treeSize);

    /// <summary>The inclusion proof of entry <paramref name="leafIndex"/> in the tree of size <paramref name="treeSize"/>.</summary>
    InclusionProof ProveInclusion(long leafIndex, long treeSize);

    /// <summary>The consistency proof between the trees of sizes <paramref name="oldSize"/> and <paramref name="newSize"/>.</summary>
    ConsistencyProof ProveConsistency(long oldSize, long newSize);
}
