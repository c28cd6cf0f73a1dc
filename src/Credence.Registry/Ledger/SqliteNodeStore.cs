using System.Numerics;
using Credence.Ledger.Tree;
using Credence.Registry.Storage.Sqlite;

namespace Credence.Registry.Ledger;

/// <summary>
/// An <see cref="INodeStore"/> over the <c>ledger_nodes</c> table: hashes in post-order, the layout
/// of Credence.Ledger's FileNodeStore (the node at (level, index) is at slot 2j - popcount(j) + level,
/// j = (index + 1)·2^level - 1), one row per slot.
/// </summary>
/// <remarks>
/// Implementation note: on the writer it runs inside the writer's transaction, so nodes commit or
/// roll back with their entries; on a read connection it is opened at a fixed size and only reads.
/// </remarks>
internal sealed class SqliteNodeStore : INodeStore
{
    private const int Hash = 32;
    private readonly SqliteSession session;
    private long nodeCount;

    public SqliteNodeStore(SqliteSession session, long? leafCount = null)
    {
        this.session = session;
        if (leafCount is { } leaves)
        {
            LeafCount = leaves;
            nodeCount = NodeCount(leaves);
        }
        else
        {
            nodeCount = session.LedgerNodeCount();
            LeafCount = LeavesWithin(nodeCount);
            if (NodeCount(LeafCount) != nodeCount)
            {
                throw new InvalidDataException($"ledger_nodes holds {nodeCount} hashes, which ends inside a leaf's run");
            }
        }
    }

    public long LeafCount { get; private set; }

    public void ReadNode(int level, long index, Span<byte> destination)
    {
        if (level is < 0 or > 62 || index < 0 || ((index + 1) << level) > LeafCount || destination.Length != Hash)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"node ({level}, {index}) is not complete within {LeafCount} leaves");
        }

        var hash = session.LedgerNode(Position(level, index)) ?? throw new InvalidDataException($"ledger node ({level}, {index}) is missing");
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

        session.InsertLedgerNodes(nodeCount, nodes, Hash);
        nodeCount = after;

        LeafCount = leaves;
    }

    public void Flush()
    {
        // The writer's commit makes the nodes durable, together with their entries.
    }

    public void Dispose()
    {
        // The session belongs to the store.
    }

    private static long NodeCount(long leaves) => (2 * leaves) - BitOperations.PopCount((ulong)leaves);

    private static long Position(int level, long index)
    {
        var lastLeaf = ((index + 1) << level) - 1;
        return NodeCount(lastLeaf) + level;
    }

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
