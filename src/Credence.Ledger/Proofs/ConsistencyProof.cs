using System.Collections.Immutable;
using Credence.Ledger.Hashing;

namespace Credence.Ledger.Proofs;

/// <summary>
/// An RFC 9162 section 2.1.4 consistency proof: the hashes that show the tree of size
/// <paramref name="OldSize"/> is a prefix of the tree of size <paramref name="NewSize"/>.
/// </summary>
/// <param name="OldSize">Size of the earlier tree.</param>
/// <param name="NewSize">Size of the later tree.</param>
/// <param name="Path">The proof hashes, in RFC 9162 order.</param>
/// <remarks>
/// Implementation note: the proof between equal sizes, and from the empty tree, is empty (RFC 9162
/// defines proofs for 0 &lt; old &lt; new; these two cases follow from its definitions). Equality compares
/// the path element by element.
/// </remarks>
public sealed record ConsistencyProof(long OldSize, long NewSize, ImmutableArray<MerkleHash> Path)
{
    /// <inheritdoc />
    public bool Equals(ConsistencyProof? other) =>
        other is not null && OldSize == other.OldSize && NewSize == other.NewSize && Path.SequenceEqual(other.Path);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(OldSize, NewSize, Path.Length);
}
