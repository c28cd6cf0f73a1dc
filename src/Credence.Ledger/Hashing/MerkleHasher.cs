using System.Buffers;
using System.Security.Cryptography;

namespace Credence.Ledger.Hashing;

/// <summary>
/// RFC 6962 / RFC 9162 section 2.1.1 hashing: leaf hash SHA-256(0x00 ‖ entry), node hash
/// SHA-256(0x01 ‖ left ‖ right), and the empty tree's root SHA-256 of nothing.
/// </summary>
/// <remarks>
/// Implementation note: the 0x00/0x01 prefixes separate leaves from interior nodes so that no leaf can
/// be passed off as a node (second-preimage resistance). The span overloads write into the caller's
/// buffer and allocate nothing; the tree's hot paths use them.
/// </remarks>
public static class MerkleHasher
{
    private const byte LeafPrefix = 0x00;
    private const byte NodePrefix = 0x01;
    private const int StackLimit = 512;

    /// <summary>The root of the empty tree: SHA-256 of the empty string.</summary>
    public static MerkleHash EmptyRoot { get; } = MerkleHash.Own(SHA256.HashData(ReadOnlySpan<byte>.Empty));

    /// <summary>The leaf hash of an entry.</summary>
    public static MerkleHash LeafHash(ReadOnlySpan<byte> entry)
    {
        var result = new byte[MerkleHash.Length];
        LeafHash(entry, result);
        return MerkleHash.Own(result);
    }

    /// <summary>Writes the leaf hash of <paramref name="entry"/> into the first 32 bytes of <paramref name="destination"/>.</summary>
    public static void LeafHash(ReadOnlySpan<byte> entry, Span<byte> destination)
    {
        var length = entry.Length + 1;
        byte[]? rented = null;
        var buffer = length <= StackLimit
            ? stackalloc byte[StackLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            buffer[0] = LeafPrefix;
            entry.CopyTo(buffer[1..]);
            SHA256.HashData(buffer[..length], destination);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The hash of an interior node with the given children.</summary>
    public static MerkleHash NodeHash(MerkleHash left, MerkleHash right)
    {
        RequireValue(left, nameof(left));
        RequireValue(right, nameof(right));
        var result = new byte[MerkleHash.Length];
        NodeHash(left.Span, right.Span, result);
        return MerkleHash.Own(result);
    }

    /// <summary>
    /// Writes SHA-256(0x01 ‖ left ‖ right) into <paramref name="destination"/>; the destination may
    /// overlap either input.
    /// </summary>
    public static void NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        Span<byte> buffer = stackalloc byte[1 + (2 * MerkleHash.Length)];
        buffer[0] = NodePrefix;
        left[..MerkleHash.Length].CopyTo(buffer[1..]);
        right[..MerkleHash.Length].CopyTo(buffer[(1 + MerkleHash.Length)..]);
        SHA256.HashData(buffer, destination);
    }

    internal static void RequireValue(MerkleHash hash, string name)
    {
        if (hash.IsDefault)
        {
            throw new ArgumentException("A hash value is required, not default(MerkleHash).", name);
        }
    }
}
