using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Credence.Ledger.Checkpoints;

/// <summary>Key naming and key ids of the C2SP signed-note format.</summary>
internal static class NoteKeys
{
    /// <summary>Signature algorithm byte for Ed25519.</summary>
    public const byte Ed25519 = 0x01;

    /// <summary>Raw Ed25519 key length (public key and private seed alike).</summary>
    public const int KeyLength = 32;

    /// <summary>Key id: the first four bytes, big-endian, of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key).</summary>
    public static uint KeyId(string name, ReadOnlySpan<byte> publicKey)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[nameBytes.Length + 2 + publicKey.Length];
        nameBytes.CopyTo(input, 0);
        input[nameBytes.Length] = 0x0A;
        input[nameBytes.Length + 1] = Ed25519;
        publicKey.CopyTo(input.AsSpan(nameBytes.Length + 2));
        return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(input));
    }

    /// <summary>A key name is non-empty text without whitespace or '+'.</summary>
    public static bool IsValidName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        foreach (var rune in name.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune) || rune.Value == '+' || rune.Value < 0x20 || rune == Rune.ReplacementChar)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Eight lower-case hex digits.</summary>
    public static string Hex(uint keyId) => keyId.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Parses exactly eight hex digits.</summary>
    public static bool TryParseHex(string text, out uint keyId) =>
        uint.TryParse(text, System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out keyId)
        && text.Length == 8;
}
