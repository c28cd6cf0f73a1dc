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
/// <para>
/// Implementation note: in a writer it runs inside the writer's transaction (the appender points it at
/// each transaction's <see cref="ILedgerTables"/>), so nodes commit or roll back with their entries;
/// in a read it is opened at a fixed size and only reads.
/// </para>
/// <para>
/// Implementation note: it remembers the hashes of the tree's right edge (one complete subtree per set
/// bit of the leaf count), as it reads or appends them, and nothing else: that is all a
/// <see cref="MerkleLog"/> opened over it reads, and a subtree's hash never changes once complete, so
/// after another writer appended (<see cref="Grow"/>) the edge of the larger tree is the part of the
/// old edge it keeps plus nodes the other writer appended, and the log reopens without a read.
/// </para>
/// </remarks>
public sealed class LedgerNodeStore : INodeStore
{
    private const int Hash = 32;
    private long nodeCount;
    private Dictionary<long, byte[]> edge = [];

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

        var position = Position(level, index);
        if (edge.TryGetValue(position, out var known))
        {
            known.CopyTo(destination);
            return;
        }

        var hash = Ledger.Node(position) ?? throw new InvalidDataException($"ledger node ({level}, {index}) is missing");
        if (hash.Length != Hash)
        {
            throw new InvalidDataException($"ledger node ({level}, {index}) is not 32 bytes");
        }

        hash.CopyTo(destination);
        if (((LeafCount >> level) & 1) == 1 && index == (LeafCount >> level) - 1)
        {
            edge[position] = hash;
        }
    }

    /// <summary>
    /// The ledger grew to <paramref name="leafCount"/> leaves by another writer's appends; <paramref name="appended"/>
    /// holds node hashes it appended (by position; any subset), so the new edge is known without reads where it can be.
    /// </summary>
    public void Grow(long leafCount, IReadOnlyDictionary<long, byte[]> appended)
    {
        ArgumentNullException.ThrowIfNull(appended);
        ArgumentOutOfRangeException.ThrowIfLessThan(leafCount, LeafCount);
        LeafCount = leafCount;
        nodeCount = NodeCount(leafCount);
        var kept = new Dictionary<long, byte[]>();
        foreach (var position in EdgePositions(leafCount))
        {
            if (edge.TryGetValue(position, out var hash) || (appended.TryGetValue(position, out hash) && hash.Length == Hash))
            {
                kept[position] = hash;
            }
        }

        edge = kept;
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
        var first = nodeCount;
        nodeCount = after;
        LeafCount = leaves;
        var kept = new Dictionary<long, byte[]>();
        foreach (var position in EdgePositions(leaves))
        {
            if (position >= first)
            {
                kept[position] = nodes.Slice((int)(position - first) * Hash, Hash).ToArray();
            }
            else if (edge.TryGetValue(position, out var hash))
            {
                kept[position] = hash;
            }
        }

        edge = kept;
    }

    public void Flush()
    {
        // The store's commit makes the nodes durable, together with their entries.
    }

    public void Dispose()
    {
        // The transaction belongs to the store.
    }

    /// <summary>The positions of the right edge's subtrees for <paramref name="leaves"/> leaves.</summary>
    private static IEnumerable<long> EdgePositions(long leaves)
    {
        for (var level = 0; level < 63; level++)
        {
            if (((leaves >> level) & 1) == 1)
            {
                yield return Position(level, (leaves >> level) - 1);
            }
        }
    }

    /// <summary>Stored nodes for a tree of <paramref name="leaves"/> leaves.</summary>
    public static long NodeCount(long leaves) => (2 * leaves) - BitOperations.PopCount((ulong)leaves);

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
