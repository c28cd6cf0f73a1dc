using System.Numerics;

namespace Credence.Ledger.Tree;

/// <summary>
/// The post-order layout of a growing Merkle tree: every complete (perfect) subtree's hash gets one
/// slot, in the order the hashes become known as leaves are appended (a leaf, then the parents it
/// completes, lowest first).
/// </summary>
/// <remarks>
/// Implementation note: the layout is append-only (a new leaf never changes an earlier slot) and
/// computable: a tree of n leaves has 2n - popcount(n) stored nodes, and the node at (level, index)
/// sits right after the last leaf of its subtree plus one slot per level above it.
/// </remarks>
internal static class PostOrder
{
    /// <summary>Largest tree size the layout handles (slot positions stay far below long.MaxValue / 32).</summary>
    public const long MaxLeaves = 1L << 56;

    /// <summary>Number of stored nodes for a tree of <paramref name="leaves"/> leaves.</summary>
    public static long NodeCount(long leaves) => (2 * leaves) - BitOperations.PopCount((ulong)leaves);

    /// <summary>Slot of the complete subtree at <paramref name="level"/> (0 = leaves) and <paramref name="index"/>.</summary>
    public static long Position(int level, long index)
    {
        var lastLeaf = ((index + 1) << level) - 1;
        return LeafPosition(lastLeaf) + level;
    }

    /// <summary>Slot of leaf <paramref name="leaf"/>.</summary>
    public static long LeafPosition(long leaf) => (2 * leaf) - BitOperations.PopCount((ulong)leaf);

    /// <summary>The largest tree size whose node count is at most <paramref name="nodes"/>.</summary>
    public static long LeavesWithin(long nodes)
    {
        // NodeCount is strictly increasing, so a binary search finds the answer in 64 steps at most.
        long low = 0, high = Math.Min(nodes, MaxLeaves);
        while (low < high)
        {
            var mid = low + ((high - low + 1) / 2);
            if (NodeCount(mid) <= nodes)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return low;
    }
}
