using System.Collections.Immutable;
using Credence.Ledger.Hashing;

namespace Credence.Ledger.Proofs;

/// <summary>
/// An RFC 9162 section 2.1.3 inclusion proof: the audit path that leads from leaf
/// <paramref name="LeafIndex"/> to the root of the tree of size <paramref name="TreeSize"/>.
/// </summary>
/// <param name="LeafIndex">Zero-based index of the leaf.</param>
/// <param name="TreeSize">Size of the tree the proof is for.</param>
/// <param name="Path">The audit path, deepest sibling first (the order RFC 9162 uses).</param>
/// <remarks>Implementation note: equality compares the path element by element.</remarks>
public sealed record InclusionProof(long LeafIndex, long TreeSize, ImmutableArray<MerkleHash> Path)
{
    /// <inheritdoc />
    public bool Equals(InclusionProof? other) =>
        other is not null && LeafIndex == other.LeafIndex && TreeSize == other.TreeSize && Path.SequenceEqual(other.Path);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(LeafIndex, TreeSize, Path.Length);
}
