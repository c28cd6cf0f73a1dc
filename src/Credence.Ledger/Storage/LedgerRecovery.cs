using Credence.Ledger.Hashing;
using Credence.Ledger.Tree;

namespace Credence.Ledger.Storage;

/// <summary>
/// Brings the three ledger files back to one consistent size after a crash.
/// </summary>
/// <remarks>
/// Implementation note: a commit writes the entry log, the index and the node file, then fsyncs all
/// three before it acknowledges anything; so after a crash each file holds every acknowledged entry
/// plus possibly a torn, unacknowledged tail, and the files' tails can be of different lengths. The
/// recovered size is the largest n such that the index has n whole slots, the entry log holds all n
/// records, and the node file holds n leaves with their completed parents. Anything past n is cut off
/// (those entries were never acknowledged, so dropping them loses nothing that was promised). Then the
/// last entry is checked end to end (length prefix, index span, leaf hash): a mismatch there is not a
/// torn tail but corruption, and opening fails instead of silently dropping acknowledged data.
/// </remarks>
internal static class LedgerRecovery
{
    public static LedgerRecoveryReport Recover(EntryFiles files, FileNodeStore nodes)
    {
        var slots = files.IndexLength / sizeof(long);
        var complete = CompleteRecords(files, slots);
        var size = Math.Min(complete, nodes.LeafCount);
        var keptLength = size == 0 ? 0 : files.ReadEnd(size - 1);
        var discarded = Math.Max(Math.Max(slots, nodes.LeafCount), complete) - size;
        var truncated = nodes.TruncatedBytes > 0
            || files.EntriesLength != keptLength
            || files.IndexLength != size * sizeof(long)
            || nodes.LeafCount != size;

        if (truncated)
        {
            files.Truncate(size, keptLength);
            nodes.TruncateToLeaves(size);
        }

        if (size > 0)
        {
            CheckLastEntry(files, nodes, size);
        }

        return new LedgerRecoveryReport(size, truncated, discarded);
    }

    /// <summary>How many indexed records lie wholly inside the entry log (end offsets only grow).</summary>
    private static long CompleteRecords(EntryFiles files, long slots)
    {
        long low = 0, high = slots;
        while (low < high)
        {
            var mid = low + ((high - low + 1) / 2);
            if (files.ReadEnd(mid - 1) <= files.EntriesLength)
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

    private static void CheckLastEntry(EntryFiles files, FileNodeStore nodes, long size)
    {
        var entry = files.ReadEntry(size - 1);
        Span<byte> stored = stackalloc byte[MerkleHash.Length];
        nodes.ReadNode(0, size - 1, stored);
        if (!MerkleHasher.LeafHash(entry).Span.SequenceEqual(stored))
        {
            throw new LedgerCorruptedException($"Entry {size - 1} does not hash to its stored leaf hash; the ledger files do not belong together.");
        }
    }
}
