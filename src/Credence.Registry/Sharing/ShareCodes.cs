using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Credence.Registry.Sharing;

/// <summary>
/// Share codes: <c>shr_</c> followed by 16 random bytes in base64url (22 characters), shown once to
/// the subject that creates them and stored only as their SHA-256 hash, like API keys.
/// </summary>
/// <remarks>
/// Implementation note: 128 random bits cannot be guessed, so, as for keys, an unsalted fast hash
/// is enough and makes the look-up one index probe; the code is shorter than a key because a
/// subject reads it out or types it into a landlord's form.
/// </remarks>
public static class ShareCodes
{
    public const string Prefix = "shr_";

    private const int Length = 26;

    public static string Generate() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    public static byte[] Hash(string code) => SHA256.HashData(Encoding.UTF8.GetBytes(code));

    /// <summary>True when <paramref name="code"/> has the shape of a share code (anything else cannot be one).</summary>
    public static bool IsWellFormed(string? code) =>
        code is { Length: Length } && code.StartsWith(Prefix, StringComparison.Ordinal) && Base64Url.IsValid(code.AsSpan(Prefix.Length));
}
