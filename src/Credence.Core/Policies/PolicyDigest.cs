using System.Security.Cryptography;
using System.Text;

namespace Credence.Core.Policies;

/// <summary>
/// The digest that names a policy text exactly: <c>sha256:</c> and the lower-case hex SHA-256 of its
/// UTF-8 bytes. The registry records it in the ledger at upload, serves it with the text, and names
/// it in a disclosure; the offline scorer checks a fetched or given text against it.
/// </summary>
public static class PolicyDigest
{
    /// <summary>The prefix that names the hash function.</summary>
    public const string Prefix = "sha256:";

    /// <summary>The digest of a policy text.</summary>
    public static string Of(string yaml) => Of(Encoding.UTF8.GetBytes(yaml ?? string.Empty));

    /// <summary>The digest of a policy text's bytes, as served.</summary>
    public static string Of(ReadOnlySpan<byte> utf8) => Prefix + Convert.ToHexStringLower(SHA256.HashData(utf8));
}
