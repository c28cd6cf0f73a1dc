using System.Numerics;
using Credence.Ledger.Tree;

namespace Credence.Registry.Ledger;

/// <summary>
/// An <see cref="INodeStore"/> over any store's ledger nodes (<see cref="ILedgerReader.Node"/> and
/// <see cref="ILedgerTables.InsertNodes"/>): hashes in post-order, the post-order layout of
/// Credence.Ledger's README (the node at (level, index) is at slot 2j - popcount(j) + level,
/// j = (index + 1)·2^level - 1), one hash per slot.
/// </summary>
/// <remarks>
/// Implementation note: in a writer it runs inside the writer's transaction (the appender points it at
/// each transaction's <see cref="ILedgerTables"/>), so nodes commit or roll back with their entries;
/// in a read it is opened at a fixed size and only reads.
/// </remarks>
public sealed class LedgerNodeStore : INodeStore
{
    private const int Hash = 32;
    private long nodeCount;

    /// <summary>Opens the nodes <paramref name="ledger"/> holds, at its node count, or at <paramref name="leafCount"/> leaves when given (a read at a fixed size).</summary>
    /// <exception cref="InvalidDataException">The stored nodes end inside a leaf's run.</exception>
    public LedgerNodeStore(ILedgerReader ledger, long? leafCount = null)
    {
        Ledger = ledger ?? throw new ArgumentNullException(nameof(ledger));
        if (leafCount is { } leaves)
        {
            LeafCount = leaves;
            nodeCount = NodeCount(leaves);
        }
        else
        {
            nodeCount = ledger.NodeCount();
            LeafCount = LeavesWithin(nodeCount);
            if (NodeCount(LeafCount) != nodeCount)
            {
                throw new InvalidDataException($"the ledger holds {nodeCount} node hashes, which ends inside a leaf's run");
            }
        }
    }

    /// <summary>The transaction or snapshot the nodes are read from (and, when it is an <see cref="ILedgerTables"/>, written to).</summary>
    public ILedgerReader Ledger { get; set; }

    public long LeafCount { get; private set; }

    public void ReadNode(int level, long index, Span<byte> destination)
    {
        if (level is < 0 or > 62 || index < 0 || ((index + 1) << level) > LeafCount || destination.Length != Hash)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"node ({level}, {index}) is not complete within {LeafCount} leaves");
        }

        var hash = Ledger.Node(Position(level, index)) ?? throw new InvalidDataException($"ledger node ({level}, {index}) is missing");
        if (hash.Length != Hash)
        {
            throw new InvalidDataException($"ledger node ({level}, {index}) is not 32 bytes");
        }

        hash.CopyTo(destination);
    }

    public void Append(ReadOnlySpan<byte> nodes)
    {
        if (nodes.Length % Hash != 0)
        {
            throw new ArgumentException("nodes come in whole 32-byte hashes", nameof(nodes));
        }

        var after = nodeCount + (nodes.Length / Hash);
        var leaves = LeavesWithin(after);
        if (NodeCount(leaves) != after)
        {
            throw new ArgumentException("an append must end on a leaf boundary", nameof(nodes));
        }

        var tables = Ledger as ILedgerTables ?? throw new InvalidOperationException("this node store only reads");
        tables.InsertNodes(nodeCount, nodes);
        nodeCount = after;
        LeafCount = leaves;
    }

    public void Flush()
    {
        // The store's commit makes the nodes durable, together with their entries.
    }

    public void Dispose()
    {
        // The transaction belongs to the store.
    }

    private static long NodeCount(long leaves) => (2 * leaves) - BitOperations.PopCount((ulong)leaves);

    private static long Position(int level, long index) => NodeCount(((index + 1) << level) - 1) + level;

    private static long LeavesWithin(long nodes)
    {
        long low = 0, high = nodes;
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
