using Credence.Ledger.Hashing;

namespace Credence.Ledger.Tree;

/// <summary>Argument checks shared by the node stores.</summary>
internal static class NodeStoreChecks
{
    /// <summary>Refuses a read of a subtree that is not complete within the stored leaves.</summary>
    public static void RequireStored(int level, long index, long leafCount, int destinationLength)
    {
        if (level is < 0 or > 62 || index < 0 || ((index + 1) << level) > leafCount || ((index + 1) << level) <= 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(index), $"No complete subtree at level {level}, index {index} in a tree of {leafCount} leaves.");
        }

        if (destinationLength < MerkleHash.Length)
        {
            throw new ArgumentException("The destination needs 32 bytes.", nameof(destinationLength));
        }
    }

    /// <summary>Checks an append and returns the leaf count after it.</summary>
    public static long LeavesAfterAppend(long nodeCount, int appendedBytes)
    {
        if (appendedBytes % MerkleHash.Length != 0)
        {
            throw new ArgumentException("Nodes are appended as whole 32-byte hashes.", nameof(appendedBytes));
        }

        var total = nodeCount + (appendedBytes / MerkleHash.Length);
        var leaves = PostOrder.LeavesWithin(total);
        if (PostOrder.NodeCount(leaves) != total)
        {
            throw new ArgumentException("An append must end on a leaf boundary (a leaf and all the parents it completes).", nameof(appendedBytes));
        }

        return leaves;
    }
}
