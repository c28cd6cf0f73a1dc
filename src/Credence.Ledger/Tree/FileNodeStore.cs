using Credence.Ledger.Hashing;
using Microsoft.Win32.SafeHandles;

namespace Credence.Ledger.Tree;

/// <summary>
/// An <see cref="INodeStore"/> in one append-only file of fixed 32-byte slots in post-order, so that
/// the tree never has to fit in memory.
/// </summary>
/// <remarks>
/// Implementation note: one file with a computed layout (see the post-order slot formula) instead of a
/// file per level, so that a group commit syncs one node file rather than one per level. Reads are
/// positional (<see cref="RandomAccess"/>, pread), which is thread-safe and served from the page cache.
/// Opening a file whose tail is torn (a partial hash, or a leaf whose parents are missing) cuts it back
/// to the last leaf boundary: those nodes were never acknowledged as durable. The file is opened
/// exclusively, so a second writer in another process fails to open it.
/// </remarks>
public sealed class FileNodeStore : INodeStore
{
    private readonly SafeFileHandle _handle;
    private long _nodeCount;
    private long _leafCount;
    private bool _disposed;

    private FileNodeStore(SafeFileHandle handle, long nodeCount, long leafCount, long truncatedBytes)
    {
        _handle = handle;
        _nodeCount = nodeCount;
        _leafCount = leafCount;
        TruncatedBytes = truncatedBytes;
    }

    /// <summary>Bytes cut from a torn tail when the store was opened (0 for a clean file).</summary>
    public long TruncatedBytes { get; }

    /// <inheritdoc />
    public long LeafCount => Volatile.Read(ref _leafCount);

    /// <summary>Opens the node file at <paramref name="path"/>, creating it when missing.</summary>
    public static FileNodeStore Open(string path)
    {
        var handle = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        try
        {
            var length = RandomAccess.GetLength(handle);
            var leaves = PostOrder.LeavesWithin(length / MerkleHash.Length);
            var nodes = PostOrder.NodeCount(leaves);
            var kept = nodes * MerkleHash.Length;
            if (kept != length)
            {
                RandomAccess.SetLength(handle, kept);
                RandomAccess.FlushToDisk(handle);
            }

            return new FileNodeStore(handle, nodes, leaves, length - kept);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void ReadNode(int level, long index, Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        NodeStoreChecks.RequireStored(level, index, LeafCount, destination.Length);
        var offset = PostOrder.Position(level, index) * MerkleHash.Length;
        var read = RandomAccess.Read(_handle, destination[..MerkleHash.Length], offset);
        if (read != MerkleHash.Length)
        {
            throw new IOException($"Node file ended early: read {read} of 32 bytes at offset {offset}.");
        }
    }

    /// <inheritdoc />
    public void Append(ReadOnlySpan<byte> nodes)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var leaves = NodeStoreChecks.LeavesAfterAppend(_nodeCount, nodes.Length);
        RandomAccess.Write(_handle, nodes, _nodeCount * MerkleHash.Length);
        _nodeCount += nodes.Length / MerkleHash.Length;
        Volatile.Write(ref _leafCount, leaves);
    }

    /// <inheritdoc />
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        RandomAccess.FlushToDisk(_handle);
    }

    /// <summary>Cuts the store back to its first <paramref name="leaves"/> leaves (crash recovery only).</summary>
    internal void TruncateToLeaves(long leaves)
    {
        if (leaves > LeafCount || leaves < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(leaves));
        }

        if (leaves == LeafCount)
        {
            return;
        }

        _nodeCount = PostOrder.NodeCount(leaves);
        RandomAccess.SetLength(_handle, _nodeCount * MerkleHash.Length);
        RandomAccess.FlushToDisk(_handle);
        Volatile.Write(ref _leafCount, leaves);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _handle.Dispose();
    }
}
