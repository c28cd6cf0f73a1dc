using Credence.Ledger.Hashing;

namespace Credence.Ledger.Tree;

/// <summary>An <see cref="INodeStore"/> in memory, for tests, tools and small logs.</summary>
/// <remarks>
/// Implementation note: the post-order slots live in fixed-size chunks that are never moved, so a
/// reader never sees a half-copied array while the writer grows the store; a lock guards the chunk
/// list itself.
/// </remarks>
public sealed class MemoryNodeStore : INodeStore
{
    private const int ChunkNodes = 1 << 15;
    private const int ChunkBytes = ChunkNodes * MerkleHash.Length;

    private readonly List<byte[]> _chunks = [];
    private readonly Lock _lock = new();
    private long _nodeCount;
    private long _leafCount;

    /// <inheritdoc />
    public long LeafCount => Volatile.Read(ref _leafCount);

    /// <inheritdoc />
    public void ReadNode(int level, long index, Span<byte> destination)
    {
        NodeStoreChecks.RequireStored(level, index, LeafCount, destination.Length);
        var position = PostOrder.Position(level, index);
        byte[] chunk;
        lock (_lock)
        {
            chunk = _chunks[(int)(position / ChunkNodes)];
        }

        chunk.AsSpan((int)(position % ChunkNodes) * MerkleHash.Length, MerkleHash.Length).CopyTo(destination);
    }

    /// <inheritdoc />
    public void Append(ReadOnlySpan<byte> nodes)
    {
        var leaves = NodeStoreChecks.LeavesAfterAppend(_nodeCount, nodes.Length);
        var offset = _nodeCount * MerkleHash.Length;
        while (!nodes.IsEmpty)
        {
            var chunkIndex = (int)(offset / ChunkBytes);
            var within = (int)(offset % ChunkBytes);
            lock (_lock)
            {
                if (chunkIndex == _chunks.Count)
                {
                    _chunks.Add(new byte[ChunkBytes]);
                }
            }

            var take = Math.Min(ChunkBytes - within, nodes.Length);
            nodes[..take].CopyTo(_chunks[chunkIndex].AsSpan(within));
            nodes = nodes[take..];
            offset += take;
        }

        _nodeCount = offset / MerkleHash.Length;
        Volatile.Write(ref _leafCount, leaves);
    }

    /// <inheritdoc />
    public void Flush()
    {
        // Memory has nothing to make durable.
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
        {
            _chunks.Clear();
        }
    }
}
