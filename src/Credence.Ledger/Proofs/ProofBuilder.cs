using System.Collections.Immutable;
using System.Numerics;
using Credence.Ledger.Hashing;
using Credence.Ledger.Tree;

namespace Credence.Ledger.Proofs;

/// <summary>
/// Computes roots, inclusion proofs and consistency proofs for any tree size held by an
/// <see cref="INodeStore"/>, following the recursive definitions of RFC 9162 sections 2.1.3.1 and
/// 2.1.4.1.
/// </summary>
/// <remarks>
/// Implementation note: every subtree the RFC recursion asks for, MTH(D[a:b]), starts at a multiple of
/// its largest complete part, so it is the right fold of at most log2(b - a) stored complete subtrees.
/// A root or proof therefore costs O(log n) node reads and at most O(log n) hashes, whatever the
/// tree size. Safe to use from many threads while the store's single writer appends.
/// </remarks>
public sealed class ProofBuilder
{
    private readonly INodeStore _store;

    /// <summary>Builds proofs from <paramref name="store"/>.</summary>
    public ProofBuilder(INodeStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <summary>The root hash of the first <paramref name="treeSize"/> leaves.</summary>
    public MerkleHash RootHash(long treeSize)
    {
        RequireSize(treeSize, nameof(treeSize));
        if (treeSize == 0)
        {
            return MerkleHasher.EmptyRoot;
        }

        var root = new byte[MerkleHash.Length];
        SubtreeHash(0, treeSize, root);
        return MerkleHash.Own(root);
    }

    /// <summary>The inclusion proof PATH(leafIndex, D[treeSize]).</summary>
    public InclusionProof InclusionProof(long leafIndex, long treeSize)
    {
        RequireSize(treeSize, nameof(treeSize));
        if (leafIndex < 0 || leafIndex >= treeSize)
        {
            throw new ArgumentOutOfRangeException(nameof(leafIndex), $"Leaf {leafIndex} is not in a tree of {treeSize} leaves.");
        }

        // Walk down from the root; the RFC lists siblings from the bottom up, so reverse at the end.
        var path = ImmutableArray.CreateBuilder<MerkleHash>(64);
        long start = 0, size = treeSize, index = leafIndex;
        while (size > 1)
        {
            var k = LargestPowerOfTwoBelow(size);
            if (index < k)
            {
                path.Add(Subtree(start + k, size - k));
                size = k;
            }
            else
            {
                path.Add(Subtree(start, k));
                start += k;
                index -= k;
                size -= k;
            }
        }

        path.Reverse();
        return new InclusionProof(leafIndex, treeSize, path.ToImmutable());
    }

    /// <summary>The consistency proof PROOF(oldSize, D[newSize]).</summary>
    public ConsistencyProof ConsistencyProof(long oldSize, long newSize)
    {
        RequireSize(newSize, nameof(newSize));
        if (oldSize < 0 || oldSize > newSize)
        {
            throw new ArgumentOutOfRangeException(nameof(oldSize), $"Old size {oldSize} is not between 0 and {newSize}.");
        }

        if (oldSize == 0 || oldSize == newSize)
        {
            return new ConsistencyProof(oldSize, newSize, []);
        }

        // SUBPROOF(m, D[start:start+size], b), unrolled: collect the siblings top-down, then emit the
        // bottom node (when b is false) followed by the siblings bottom-up.
        var siblings = new List<MerkleHash>(64);
        long start = 0, size = newSize, m = oldSize;
        var complete = true;
        while (m != size)
        {
            var k = LargestPowerOfTwoBelow(size);
            if (m <= k)
            {
                siblings.Add(Subtree(start + k, size - k));
                size = k;
            }
            else
            {
                siblings.Add(Subtree(start, k));
                start += k;
                m -= k;
                size -= k;
                complete = false;
            }
        }

        var path = ImmutableArray.CreateBuilder<MerkleHash>(siblings.Count + 1);
        if (!complete)
        {
            path.Add(Subtree(start, size));
        }

        for (var i = siblings.Count - 1; i >= 0; i--)
        {
            path.Add(siblings[i]);
        }

        return new ConsistencyProof(oldSize, newSize, path.ToImmutable());
    }

    private MerkleHash Subtree(long start, long size)
    {
        var hash = new byte[MerkleHash.Length];
        SubtreeHash(start, size, hash);
        return MerkleHash.Own(hash);
    }

    /// <summary>MTH(D[start:start+size]) as the right fold of its complete subtrees.</summary>
    private void SubtreeHash(long start, long size, Span<byte> destination)
    {
        Span<int> levels = stackalloc int[64];
        var count = 0;
        for (var level = 63 - BitOperations.LeadingZeroCount((ulong)size); level >= 0; level--)
        {
            if (((size >> level) & 1) == 1)
            {
                levels[count++] = level;
            }
        }

        // Offsets of the parts, left to right; each must be aligned to its own size to be stored.
        Span<long> offsets = stackalloc long[64];
        var offset = start;
        for (var i = 0; i < count; i++)
        {
            offsets[i] = offset;
            if ((offset & ((1L << levels[i]) - 1)) != 0)
            {
                throw new InvalidOperationException($"Subtree [{start}, {start + size}) is not aligned to complete subtrees.");
            }

            offset += 1L << levels[i];
        }

        _store.ReadNode(levels[count - 1], offsets[count - 1] >> levels[count - 1], destination);
        Span<byte> part = stackalloc byte[MerkleHash.Length];
        for (var i = count - 2; i >= 0; i--)
        {
            _store.ReadNode(levels[i], offsets[i] >> levels[i], part);
            MerkleHasher.NodeHash(part, destination, destination);
        }
    }

    private void RequireSize(long treeSize, string name)
    {
        var stored = _store.LeafCount;
        if (treeSize < 0 || treeSize > stored)
        {
            throw new ArgumentOutOfRangeException(name, $"Tree size {treeSize} is not between 0 and the stored {stored}.");
        }
    }

    private static long LargestPowerOfTwoBelow(long n) => 1L << (63 - BitOperations.LeadingZeroCount((ulong)(n - 1)));
}
