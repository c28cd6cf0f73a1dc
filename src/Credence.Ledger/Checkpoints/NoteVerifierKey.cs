using NSec.Cryptography;

namespace Credence.Ledger.Checkpoints;

/// <summary>
/// A public verifier key in the signed-note text form "&lt;name&gt;+&lt;hex key id&gt;+&lt;base64(0x01 ‖ Ed25519 public key)&gt;".
/// </summary>
/// <remarks>
/// Implementation note: parsing checks that the key id matches the name and key, so a key string
/// with a tampered name or key is refused before it is ever used. Only Ed25519 (algorithm 0x01) is
/// supported.
/// </remarks>
public sealed class NoteVerifierKey : IEquatable<NoteVerifierKey>
{
    private readonly PublicKey _publicKey;

    private NoteVerifierKey(string name, uint keyId, PublicKey publicKey, string encoded, string fingerprint)
    {
        Name = name;
        KeyId = keyId;
        _publicKey = publicKey;
        Encoded = encoded;
        Fingerprint = fingerprint;
    }

    /// <summary>The key (and usually log) name.</summary>
    public string Name { get; }

    /// <summary>The 32-bit key id.</summary>
    public uint KeyId { get; }

    /// <summary>The text form.</summary>
    public string Encoded { get; }

    /// <summary>
    /// <c>SHA256:</c> and the lower-case hex SHA-256 of the key blob (0x01 ‖ public key): what a person
    /// compares with the fingerprint the operator publishes, whatever name the key carries.
    /// </summary>
    public string Fingerprint { get; }

    /// <summary>Parses a verifier key string.</summary>
    /// <exception cref="FormatException">Malformed, unknown algorithm, or the key id does not match.</exception>
    public static NoteVerifierKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('+', 3);
        if (parts.Length != 3 || !NoteKeys.IsValidName(parts[0]) || !NoteKeys.TryParseHex(parts[1], out var keyId)
            || !StrictBase64.TryDecode(parts[2], out var key) || key.Length == 0)
        {
            throw new FormatException("A verifier key is <name>+<8 hex digits>+<base64 key>.");
        }

        if (key[0] != NoteKeys.Ed25519 || key.Length != 1 + NoteKeys.KeyLength)
        {
            throw new FormatException("Only Ed25519 verifier keys (algorithm 0x01, 32-byte key) are supported.");
        }

        if (NoteKeys.KeyId(parts[0], key.AsSpan(1)) != keyId)
        {
            throw new FormatException("The verifier key's id does not match its name and public key.");
        }

        var publicKey = PublicKey.Import(SignatureAlgorithm.Ed25519, key.AsSpan(1), KeyBlobFormat.RawPublicKey);
        var fingerprint = "SHA256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(key));
        return new NoteVerifierKey(parts[0], keyId, publicKey, text, fingerprint);
    }

    /// <summary>The verifier key for a raw 32-byte Ed25519 public key.</summary>
    public static NoteVerifierKey FromPublicKey(string name, ReadOnlySpan<byte> publicKey)
    {
        if (!NoteKeys.IsValidName(name))
        {
            throw new ArgumentException("A key name is non-empty text without whitespace or '+'.", nameof(name));
        }

        if (publicKey.Length != NoteKeys.KeyLength)
        {
            throw new ArgumentException("An Ed25519 public key is 32 bytes.", nameof(publicKey));
        }

        var keyId = NoteKeys.KeyId(name, publicKey);
        var encoded = $"{name}+{NoteKeys.Hex(keyId)}+{Convert.ToBase64String([NoteKeys.Ed25519, .. publicKey])}";
        return Parse(encoded);
    }

    /// <summary>Whether <paramref name="signature"/> is this key's Ed25519 signature of <paramref name="message"/>.</summary>
    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        signature.Length == SignatureAlgorithm.Ed25519.SignatureSize
        && SignatureAlgorithm.Ed25519.Verify(_publicKey, message, signature);

    /// <summary>Whether a signature line names this key (same name and key id).</summary>
    public bool Matches(string keyName, uint keyId) => keyName == Name && keyId == KeyId;

    /// <inheritdoc />
    public bool Equals(NoteVerifierKey? other) => other is not null && other.Encoded == Encoded;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as NoteVerifierKey);

    /// <inheritdoc />
    public override int GetHashCode() => Encoded.GetHashCode(StringComparison.Ordinal);

    /// <summary>The text form.</summary>
    public override string ToString() => Encoded;
}
