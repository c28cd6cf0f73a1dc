using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Credence.Ledger.Checkpoints;

/// <summary>Signs checkpoints (and any note text) with the operator's Ed25519 key.</summary>
/// <remarks>
/// Implementation note: keys use the signed-note text forms, so the operator's verifier key can be
/// given to any signed-note tool; Ed25519 comes from NSec (libsodium). Ed25519 signatures are
/// deterministic, so signing the same text twice gives the same note. The private seed is wiped from
/// managed buffers once imported.
/// </remarks>
public sealed class CheckpointSigner : IDisposable
{
    private const string PrivatePrefix = "PRIVATE+KEY+";
    private readonly Key _key;

    private CheckpointSigner(string name, Key key)
    {
        _key = key;
        VerifierKey = NoteVerifierKey.FromPublicKey(name, key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    /// <summary>The matching public verifier key.</summary>
    public NoteVerifierKey VerifierKey { get; }

    /// <summary>The key name.</summary>
    public string Name => VerifierKey.Name;

    /// <summary>Creates a new key pair for <paramref name="name"/> (use the log's origin).</summary>
    public static CheckpointKeyPair GenerateKey(string name)
    {
        if (!NoteKeys.IsValidName(name))
        {
            throw new ArgumentException("A key name is non-empty text without whitespace or '+'.", nameof(name));
        }

        using var key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        var seed = key.Export(KeyBlobFormat.RawPrivateKey);
        var material = new byte[1 + NoteKeys.KeyLength];
        try
        {
            material[0] = NoteKeys.Ed25519;
            seed.CopyTo(material, 1);
            var verifier = NoteVerifierKey.FromPublicKey(name, key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
            var privateKey = $"{PrivatePrefix}{name}+{NoteKeys.Hex(verifier.KeyId)}+{Convert.ToBase64String(material)}";
            return new CheckpointKeyPair(privateKey, verifier.Encoded);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
            CryptographicOperations.ZeroMemory(material);
        }
    }

    /// <summary>Loads a signer from its private key text.</summary>
    /// <exception cref="FormatException">Malformed, not Ed25519, or the key id does not match the key.</exception>
    public static CheckpointSigner FromPrivateKey(string privateKey)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        var parts = privateKey.StartsWith(PrivatePrefix, StringComparison.Ordinal)
            ? privateKey[PrivatePrefix.Length..].Split('+', 3)
            : [];
        if (parts.Length != 3 || !NoteKeys.IsValidName(parts[0]) || !NoteKeys.TryParseHex(parts[1], out var keyId)
            || !StrictBase64.TryDecode(parts[2], out var material))
        {
            throw new FormatException("A private key is PRIVATE+KEY+<name>+<8 hex digits>+<base64 key>.");
        }

        try
        {
            if (material.Length != 1 + NoteKeys.KeyLength || material[0] != NoteKeys.Ed25519)
            {
                throw new FormatException("Only Ed25519 private keys (algorithm 0x01, 32-byte seed) are supported.");
            }

            var key = Key.Import(SignatureAlgorithm.Ed25519, material.AsSpan(1), KeyBlobFormat.RawPrivateKey);
            var signer = new CheckpointSigner(parts[0], key);
            if (signer.VerifierKey.KeyId != keyId)
            {
                signer.Dispose();
                throw new FormatException("The private key's id does not match its name and key.");
            }

            return signer;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }
    }

    /// <summary>Signs a checkpoint and returns the signed note text.</summary>
    public string Sign(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return SignNote(checkpoint.Body);
    }

    /// <summary>Signs note text (which must end with a newline and be valid note text) and returns the signed note.</summary>
    public string SignNote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0 || text[^1] != '\n' || text.Contains("\n\n", StringComparison.Ordinal))
        {
            throw new ArgumentException("Note text must end with a newline and contain no blank line.", nameof(text));
        }

        var signature = SignatureAlgorithm.Ed25519.Sign(_key, Encoding.UTF8.GetBytes(text));
        var payload = new byte[4 + signature.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(payload, VerifierKey.KeyId);
        signature.CopyTo(payload, 4);
        var note = new SignedNote(text, [new NoteSignature(Name, Convert.ToBase64String(payload))]).Format();
        return SignedNote.TryParse(note, out _, out var reason)
            ? note
            : throw new ArgumentException($"Note text is not valid: {reason}", nameof(text));
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
