using System.Buffers.Binary;

namespace Credence.Ledger.Checkpoints;

/// <summary>One signature line of a signed note: "— &lt;key name&gt; &lt;base64(key id ‖ signature)&gt;".</summary>
/// <param name="KeyName">Name of the signing key.</param>
/// <param name="Base64">The base64 payload: the 4-byte big-endian key id followed by the signature.</param>
public sealed record NoteSignature(string KeyName, string Base64)
{
    /// <summary>The key id from the first four bytes of the payload.</summary>
    public uint KeyId => BinaryPrimitives.ReadUInt32BigEndian(Convert.FromBase64String(Base64));

    /// <summary>The signature bytes after the key id.</summary>
    public byte[] SignatureBytes() => Convert.FromBase64String(Base64)[4..];

    /// <summary>The signature line, ending in a newline.</summary>
    public string Line => $"{SignedNote.SignaturePrefix}{KeyName} {Base64}\n";
}
