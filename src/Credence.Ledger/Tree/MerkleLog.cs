using System.Numerics;
using Credence.Ledger.Hashing;

namespace Credence.Ledger.Tree;

/// <summary>
/// An append-only RFC 6962 Merkle tree over an <see cref="INodeStore"/>. Only the right edge (the
/// "compact range": one complete subtree per set bit of the size) is kept in memory.
/// </summary>
/// <remarks>
/// Implementation note: appending a leaf merges it with the edge subtrees it completes, which yields
/// exactly the post-order node sequence the store expects, so hashes are written once and never
/// rewritten. Reopening reads the edge back from the store (one read per set bit of the size). Not
/// thread-safe: one writer calls the append methods; proofs for sizes already stored are read through
/// <see cref="Proofs.ProofBuilder"/>, which only touches the store. If the store throws during an append, the
/// log refuses further appends (the store may hold part of the run); reopen it from the store.
/// </remarks>
public sealed class MerkleLog
{
    private const int MaxLevels = 64;
    private const int BufferNodes = 1 << 16;
    private const int Hash = MerkleHash.Length;

    private readonly byte[] _edge = new byte[MaxLevels * Hash];
    private byte[]? _buffer;
    private long _size;
    private MerkleHash _root;
    private bool _faulted;

    /// <summary>Opens the tree held by <paramref name="store"/>, at the store's size.</summary>
    public MerkleLog(INodeStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        Store = store;
        _size = store.LeafCount;
        for (var level = 0; level < MaxLevels - 1; level++)
        {
            if (((_size >> level) & 1) == 1)
            {
                store.ReadNode(level, (_size >> level) - 1, _edge.AsSpan(level * Hash, Hash));
            }
        }
    }

    /// <summary>The node store the tree writes to.</summary>
    public INodeStore Store { get; }

    /// <summary>Number of leaves.</summary>
    public long Size => _size;

    /// <summary>The root hash of the whole tree (the empty root for no leaves).</summary>
    public MerkleHash RootHash
    {
        get
        {
            if (_root.IsDefault)
            {
                _root = ComputeRoot();
            }

            return _root;
        }
    }

    /// <summary>The current size and root.</summary>
    public TreeHead Head => new(_size, RootHash);

    /// <summary>Appends an entry (hashing it as a leaf) and returns its leaf index.</summary>
    public long Append(ReadOnlySpan<byte> entry)
    {
        Span<byte> leaf = stackalloc byte[Hash];
        MerkleHasher.LeafHash(entry, leaf);
        return AppendLeafHashes(leaf);
    }

    /// <summary>Appends leaf hashes (a multiple of 32 bytes) and returns the index of the first.</summary>
    /// <remarks>
    /// Implementation note: this is the bulk path; callers that hold many leaf hashes (a group commit,
    /// or building a large tree) hand them over at once and the store sees a few large writes.
    /// </remarks>
    public long AppendLeafHashes(ReadOnlySpan<byte> leafHashes)
    {
        if (_faulted)
        {
            throw new InvalidOperationException("An earlier append failed in the node store; reopen the log from its store.");
        }

        if (leafHashes.Length % Hash != 0)
        {
            throw new ArgumentException("Leaf hashes come in whole 32-byte values.", nameof(leafHashes));
        }

        var count = leafHashes.Length / Hash;
        if (_size + count > PostOrder.MaxLeaves)
        {
            throw new InvalidOperationException("The tree is full.");
        }

        var first = _size;
        var buffer = _buffer ??= new byte[BufferNodes * Hash];
        var used = 0;
        try
        {
            for (var i = 0; i < count; i++)
            {
                // A leaf and its completed parents take at most 1 + 63 slots.
                if (used + (MaxLevels * Hash) > buffer.Length)
                {
                    Store.Append(buffer.AsSpan(0, used));
                    used = 0;
                }

                var current = buffer.AsSpan(used, Hash);
                leafHashes.Slice(i * Hash, Hash).CopyTo(current);
                used += Hash;
                var level = 0;
                for (var s = _size; (s & 1) == 1; s >>= 1, level++)
                {
                    var parent = buffer.AsSpan(used, Hash);
                    MerkleHasher.NodeHash(_edge.AsSpan(level * Hash, Hash), current, parent);
                    current = parent;
                    used += Hash;
                }

                current.CopyTo(_edge.AsSpan(level * Hash, Hash));
                _size++;
            }

            if (used > 0)
            {
                Store.Append(buffer.AsSpan(0, used));
            }
        }
        catch
        {
            _faulted = true;
            throw;
        }
        finally
        {
            _root = default;
        }

        return first;
    }

    private MerkleHash ComputeRoot()
    {
        if (_size == 0)
        {
            return MerkleHasher.EmptyRoot;
        }

        // Fold the edge from the smallest subtree (lowest set bit) up to the largest.
        var level = BitOperations.TrailingZeroCount(_size);
        var root = new byte[Hash];
        _edge.AsSpan(level * Hash, Hash).CopyTo(root);
        for (level++; level < MaxLevels - 1; level++)
        {
            if (((_size >> level) & 1) == 1)
            {
                MerkleHasher.NodeHash(_edge.AsSpan(level * Hash, Hash), root, root);
            }
        }

        return MerkleHash.Own(root);
    }
}
