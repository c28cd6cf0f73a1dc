namespace Credence.Ledger.Tree;

/// <summary>
/// Storage for a Merkle tree's leaf hashes and the hashes of its complete (perfect, power-of-two)
/// subtrees, so that any root or proof for any tree size needs only O(log n) reads.
/// </summary>
/// <remarks>
/// Implementation note: nodes are appended in post-order (a leaf hash, then the hashes of the subtrees
/// it completes, lowest first), which is what <see cref="MerkleLog"/> produces; each append must end on
/// a leaf boundary so that <see cref="LeafCount"/> is always well defined. One writer at a time; reads
/// of nodes inside the first <see cref="LeafCount"/> leaves are safe from any thread while it writes.
/// </remarks>
public interface INodeStore : IDisposable
{
    /// <summary>Number of leaves whose hash and completed parents are stored.</summary>
    long LeafCount { get; }

    /// <summary>
    /// Copies the hash of the complete subtree at <paramref name="level"/> (0 = leaf hashes) and
    /// <paramref name="index"/> (covering leaves index·2^level to (index+1)·2^level - 1) into
    /// <paramref name="destination"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The subtree is not complete within <see cref="LeafCount"/>.</exception>
    void ReadNode(int level, long index, Span<byte> destination);

    /// <summary>
    /// Appends 32-byte node hashes in post-order, continuing the stored sequence; the appended run must
    /// end on a leaf boundary.
    /// </summary>
    /// <exception cref="ArgumentException">The run is not whole hashes or does not end on a leaf boundary.</exception>
    void Append(ReadOnlySpan<byte> nodes);

    /// <summary>Makes every appended node durable (a no-op for memory).</summary>
    void Flush();
}
