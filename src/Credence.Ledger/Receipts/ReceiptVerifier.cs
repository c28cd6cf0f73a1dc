using Credence.Ledger.Checkpoints;
using Credence.Ledger.Hashing;
using Credence.Ledger.Proofs;

namespace Credence.Ledger.Receipts;

/// <summary>Verifies a receipt offline: no ledger access, only the receipt and the operator's verifier key.</summary>
/// <remarks>
/// Implementation note: without a verifier key only the proof is checked against the checkpoint inside
/// the receipt, which shows internal consistency but not that the operator signed it; the result says
/// so through <see cref="ReceiptVerification.SignatureVerified"/>, and its reason reads "signature not checked".
/// </remarks>
public static class ReceiptVerifier
{
    /// <summary>The reason given for a receipt that is valid except that no key was given to check its signature.</summary>
    public const string SignatureNotChecked = "signature not checked: no verifier key given";

    /// <summary>Verifies a receipt in its JSON form.</summary>
    /// <param name="receiptJson">The receipt JSON.</param>
    /// <param name="verifierKey">The operator's verifier key text; null to check the proof only.</param>
    /// <exception cref="FormatException">The verifier key (the caller's own configuration) is malformed.</exception>
    public static ReceiptVerification Verify(string receiptJson, string? verifierKey = null) =>
        Verify(receiptJson, verifierKey is null ? null : new CheckpointVerifier(verifierKey));

    /// <summary>Verifies a receipt in its JSON form with a configured checkpoint verifier (or none).</summary>
    public static ReceiptVerification Verify(string receiptJson, CheckpointVerifier? verifier)
    {
        if (!Receipt.TryFromJson(receiptJson, out var receipt, out var reason))
        {
            return ReceiptVerification.Refused($"malformed receipt: {reason}");
        }

        return Verify(receipt!, verifier);
    }

    /// <summary>Verifies a parsed receipt.</summary>
    public static ReceiptVerification Verify(Receipt receipt, CheckpointVerifier? verifier)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        Checkpoint checkpoint;
        if (verifier is null)
        {
            if (!SignedNote.TryParse(receipt.CheckpointNote, out var note, out var reason)
                || !Checkpoint.TryParseBody(note!.Text, out var parsed, out reason))
            {
                return ReceiptVerification.Refused($"checkpoint refused: {reason}", receipt);
            }

            checkpoint = parsed!;
        }
        else
        {
            var result = verifier.Verify(receipt.CheckpointNote);
            if (!result.IsValid)
            {
                return ReceiptVerification.Refused($"checkpoint refused: {result.Reason}", receipt);
            }

            checkpoint = result.Checkpoint!;
        }

        if (receipt.Index >= checkpoint.Size)
        {
            return ReceiptVerification.Refused($"index {receipt.Index} is outside the checkpoint's tree of {checkpoint.Size} entries", receipt, checkpoint);
        }

        var leaf = MerkleHasher.LeafHash(receipt.Entry.Span);
        if (!ProofVerifier.VerifyInclusion(leaf, receipt.Index, checkpoint.Size, receipt.InclusionProof.AsSpan(), checkpoint.RootHash))
        {
            return ReceiptVerification.Refused("the inclusion proof does not lead from the entry to the checkpoint's root", receipt, checkpoint);
        }

        return verifier is null
            ? new ReceiptVerification(true, SignatureNotChecked, false, receipt, checkpoint)
            : new ReceiptVerification(true, null, true, receipt, checkpoint);
    }
}
