using System.Security.Cryptography;

namespace Credence.Ledger.Hashing;

/// <summary>
/// A 32-byte SHA-256 value from the Merkle tree: a leaf hash, a node hash or a root hash.
/// </summary>
/// <remarks>
/// Implementation note: a readonly struct over a private array that is never handed out, so a hash is
/// immutable and compares by value. <c>default(MerkleHash)</c> holds no bytes; <see cref="IsDefault"/>
/// tells it apart, and every API that takes a hash refuses it.
/// </remarks>
public readonly struct MerkleHash : IEquatable<MerkleHash>
{
    /// <summary>Length of every hash in bytes.</summary>
    public const int Length = 32;

    private readonly byte[]? _bytes;

    /// <summary>Copies a 32-byte hash.</summary>
    /// <exception cref="ArgumentException">The span is not 32 bytes long.</exception>
    public MerkleHash(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException($"A Merkle hash is {Length} bytes, not {bytes.Length}.", nameof(bytes));
        }

        _bytes = bytes.ToArray();
    }

    private MerkleHash(byte[] owned) => _bytes = owned;

    /// <summary>True for <c>default(MerkleHash)</c>, which holds no value.</summary>
    public bool IsDefault => _bytes is null;

    /// <summary>The 32 bytes (empty for a default value).</summary>
    public ReadOnlySpan<byte> Span => _bytes;

    /// <summary>Wraps an array the caller gives up (no copy).</summary>
    internal static MerkleHash Own(byte[] bytes)
    {
        System.Diagnostics.Debug.Assert(bytes.Length == Length);
        return new MerkleHash(bytes);
    }

    /// <summary>Parses standard base64 (with padding) of exactly 32 bytes.</summary>
    /// <exception cref="FormatException">Not base64 of a 32-byte value.</exception>
    public static MerkleHash FromBase64(string base64) =>
        TryFromBase64(base64, out var hash)
            ? hash
            : throw new FormatException("Expected the base64 encoding of a 32-byte hash.");

    /// <summary>Parses standard base64 of exactly 32 bytes; false when it is anything else.</summary>
    public static bool TryFromBase64(string? base64, out MerkleHash hash)
    {
        hash = default;
        if (base64 is null || base64.Length != 44)
        {
            return false;
        }

        var buffer = new byte[Length + 1];
        if (!Convert.TryFromBase64String(base64, buffer, out var written) || written != Length)
        {
            return false;
        }

        hash = new MerkleHash(buffer.AsSpan(0, Length));
        return true;
    }

    /// <summary>Parses 64 hexadecimal digits.</summary>
    /// <exception cref="FormatException">Not 64 hexadecimal digits.</exception>
    public static MerkleHash FromHex(string hex)
    {
        if (hex is null || hex.Length != Length * 2)
        {
            throw new FormatException("Expected 64 hexadecimal digits.");
        }

        return new MerkleHash(Convert.FromHexString(hex));
    }

    /// <summary>Standard base64 with padding (44 characters).</summary>
    public string ToBase64() => Convert.ToBase64String(RequireBytes());

    /// <summary>Lower-case hexadecimal (64 characters).</summary>
    public string ToHex() => Convert.ToHexStringLower(RequireBytes());

    /// <summary>A fresh copy of the 32 bytes.</summary>
    public byte[] ToArray() => (byte[])RequireBytes().Clone();

    /// <inheritdoc />
    public bool Equals(MerkleHash other) => Span.SequenceEqual(other.Span);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is MerkleHash other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Span);
        return hash.ToHashCode();
    }

    /// <summary>The hexadecimal form, or "(none)" for a default value.</summary>
    public override string ToString() => _bytes is null ? "(none)" : ToHex();

    /// <summary>Constant-time comparison, for checks whose timing should not depend on the data.</summary>
    public bool FixedTimeEquals(MerkleHash other) =>
        !IsDefault && !other.IsDefault && CryptographicOperations.FixedTimeEquals(Span, other.Span);

    public static bool operator ==(MerkleHash left, MerkleHash right) => left.Equals(right);

    public static bool operator !=(MerkleHash left, MerkleHash right) => !left.Equals(right);

    private byte[] RequireBytes() =>
        _bytes ?? throw new InvalidOperationException("default(MerkleHash) holds no value.");
}
