using Credence.Ledger.Hashing;

namespace Credence.Ledger.Proofs;

/// <summary>
/// The verification algorithms of RFC 9162 section 2.1.3.2 (inclusion) and 2.1.4.2 (consistency).
/// </summary>
/// <remarks>
/// Implementation note: written step by step from the RFC's numbered algorithms, so a path that is too
/// long (the size runs out before the path does) or too short (the size is not used up) fails by
/// construction. Any argument that cannot describe a real proof (negative or out-of-range sizes, a
/// default hash) makes the verification fail instead of throwing, because the input is untrusted.
/// </remarks>
public static class ProofVerifier
{
    /// <summary>Whether <paramref name="proof"/> shows the leaf with <paramref name="leafHash"/> under <paramref name="rootHash"/>.</summary>
    public static bool VerifyInclusion(InclusionProof proof, MerkleHash leafHash, MerkleHash rootHash)
    {
        ArgumentNullException.ThrowIfNull(proof);
        return VerifyInclusion(leafHash, proof.LeafIndex, proof.TreeSize, proof.Path.AsSpan(), rootHash);
    }

    /// <summary>RFC 9162 section 2.1.3.2, verbatim.</summary>
    public static bool VerifyInclusion(
        MerkleHash leafHash, long leafIndex, long treeSize, ReadOnlySpan<MerkleHash> path, MerkleHash rootHash)
    {
        // 1. leaf_index must be below tree_size.
        if (leafHash.IsDefault || rootHash.IsDefault || leafIndex < 0 || treeSize <= 0 || leafIndex >= treeSize)
        {
            return false;
        }

        // 2.-3. fn = leaf_index, sn = tree_size - 1, r = hash.
        var fn = (ulong)leafIndex;
        var sn = (ulong)treeSize - 1;
        Span<byte> r = stackalloc byte[MerkleHash.Length];
        leafHash.Span.CopyTo(r);

        // 4. For each p in the path.
        foreach (var p in path)
        {
            if (p.IsDefault || sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                MerkleHasher.NodeHash(p.Span, r, r);

                // If LSB(fn) is not set, shift both right until it is, or fn is 0.
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                MerkleHasher.NodeHash(r, p.Span, r);
            }

            fn >>= 1;
            sn >>= 1;
        }

        // 5. sn must be 0 and r must equal the root.
        return sn == 0 && r.SequenceEqual(rootHash.Span);
    }

    /// <summary>Whether <paramref name="proof"/> shows the tree with <paramref name="oldRoot"/> is a prefix of the one with <paramref name="newRoot"/>.</summary>
    public static bool VerifyConsistency(ConsistencyProof proof, MerkleHash oldRoot, MerkleHash newRoot)
    {
        ArgumentNullException.ThrowIfNull(proof);
        return VerifyConsistency(proof.OldSize, proof.NewSize, oldRoot, newRoot, proof.Path.AsSpan());
    }

    /// <summary>
    /// RFC 9162 section 2.1.4.2 for 0 &lt; old &lt; new; equal sizes need an empty path and equal roots, and
    /// the empty tree (with the empty root) is consistent with every tree through an empty path.
    /// </summary>
    public static bool VerifyConsistency(
        long oldSize, long newSize, MerkleHash oldRoot, MerkleHash newRoot, ReadOnlySpan<MerkleHash> path)
    {
        if (oldRoot.IsDefault || newRoot.IsDefault || oldSize < 0 || oldSize > newSize)
        {
            return false;
        }

        if (oldSize == 0)
        {
            return path.IsEmpty && oldRoot == MerkleHasher.EmptyRoot;
        }

        if (oldSize == newSize)
        {
            return path.IsEmpty && oldRoot == newRoot;
        }

        // 1. An empty path fails.
        if (path.IsEmpty)
        {
            return false;
        }

        foreach (var c in path)
        {
            if (c.IsDefault)
            {
                return false;
            }
        }

        // 2. If first is an exact power of 2, prepend first_hash to the path.
        var first = (ulong)oldSize;
        var prepend = (first & (first - 1)) == 0;

        // 3. fn = first - 1, sn = second - 1.
        var fn = first - 1;
        var sn = (ulong)newSize - 1;

        // 4. If LSB(fn) is set, shift both right until it is not.
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        // 5. fr = sr = the first value of the (possibly prepended) path.
        Span<byte> fr = stackalloc byte[MerkleHash.Length];
        Span<byte> sr = stackalloc byte[MerkleHash.Length];
        var start = prepend ? oldRoot.Span : path[0].Span;
        start.CopyTo(fr);
        start.CopyTo(sr);
        var rest = prepend ? path : path[1..];

        // 6. For each subsequent value c.
        foreach (var c in rest)
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                MerkleHasher.NodeHash(c.Span, fr, fr);
                MerkleHasher.NodeHash(c.Span, sr, sr);

                // If LSB(fn) is not set, shift both right until it is, or fn is 0.
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                MerkleHasher.NodeHash(sr, c.Span, sr);
            }

            fn >>= 1;
            sn >>= 1;
        }

        // 7. fr must equal first_hash, sr second_hash, and sn must be 0.
        return sn == 0 && fr.SequenceEqual(oldRoot.Span) && sr.SequenceEqual(newRoot.Span);
    }
}
