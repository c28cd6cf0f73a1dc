using System.Text;

namespace Credence.Ledger.Checkpoints;

/// <summary>Checks signed checkpoints against the operator's verifier key.</summary>
/// <remarks>
/// Implementation note: as in the reference signed-note implementation, signatures by other keys are
/// ignored, the first signature line naming this key (name and key id) decides, and a note with no
/// signature by this key is refused. Optionally the origin must match the expected log, so that a
/// checkpoint of another log signed with the same key is not taken for this one.
/// </remarks>
public sealed class CheckpointVerifier
{
    private readonly string? _expectedOrigin;

    /// <summary>A verifier for <paramref name="verifierKey"/> (text form).</summary>
    /// <exception cref="FormatException">The key is malformed.</exception>
    public CheckpointVerifier(string verifierKey, string? expectedOrigin = null)
        : this(NoteVerifierKey.Parse(verifierKey), expectedOrigin)
    {
    }

    /// <summary>A verifier for <paramref name="key"/>.</summary>
    public CheckpointVerifier(NoteVerifierKey key, string? expectedOrigin = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        Key = key;
        _expectedOrigin = expectedOrigin;
    }

    /// <summary>The key signatures are checked against.</summary>
    public NoteVerifierKey Key { get; }

    /// <summary>The origin a checkpoint must name, or null when any origin is taken.</summary>
    public string? ExpectedOrigin => _expectedOrigin;

    /// <summary>Checks a signed checkpoint note.</summary>
    public CheckpointVerification Verify(string signedNote)
    {
        if (!SignedNote.TryParse(signedNote, out var note, out var reason))
        {
            return CheckpointVerification.Refused($"malformed note: {reason}");
        }

        if (!VerifySignature(note!, out reason))
        {
            return CheckpointVerification.Refused(reason!);
        }

        if (!Checkpoint.TryParseBody(note!.Text, out var checkpoint, out reason))
        {
            return CheckpointVerification.Refused($"not a checkpoint: {reason}");
        }

        if (_expectedOrigin is not null && checkpoint!.Origin != _expectedOrigin)
        {
            return CheckpointVerification.Refused($"checkpoint is for origin '{checkpoint.Origin}', expected '{_expectedOrigin}'");
        }

        return CheckpointVerification.Valid(checkpoint!);
    }

    private bool VerifySignature(SignedNote note, out string? reason)
    {
        foreach (var signature in note.Signatures)
        {
            if (!Key.Matches(signature.KeyName, signature.KeyId))
            {
                continue;
            }

            reason = Key.Verify(Encoding.UTF8.GetBytes(note.Text), signature.SignatureBytes())
                ? null
                : $"signature by key {Key.Name}+{NoteKeys.Hex(Key.KeyId)} does not verify";
            return reason is null;
        }

        reason = $"note is not signed by key {Key.Name}+{NoteKeys.Hex(Key.KeyId)}";
        return false;
    }
}
