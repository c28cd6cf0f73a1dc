using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Credence.Registry.Principals;

/// <summary>
/// API keys: <c>cred_</c> followed by 32 random bytes in base64url, shown once when issued and
/// stored only as their SHA-256 hash. Clients send them as <c>Authorization: Bearer cred_...</c>.
/// </summary>
/// <remarks>
/// Implementation note: a key carries 256 bits of entropy, so an unsalted fast hash is the right
/// tool: there is nothing to brute-force, and the look-up by hash is a single index probe.
/// </remarks>
public static class ApiKeys
{
    public const string Prefix = "cred_";

    private const string Bearer = "Bearer ";

    /// <summary>A new random key.</summary>
    public static string Generate() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The SHA-256 hash under which a key is stored.</summary>
    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>Takes the key out of an <c>Authorization</c> header value; false when there is no bearer key of the right shape.</summary>
    public static bool TryReadBearer(string? authorization, out string key)
    {
        key = string.Empty;
        if (authorization is null || !authorization.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var value = authorization.AsSpan(Bearer.Length).Trim();
        if (!value.StartsWith(Prefix, StringComparison.Ordinal) || value.Length > 128)
        {
            return false;
        }

        key = value.ToString();
        return true;
    }
}
