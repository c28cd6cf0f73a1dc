using System.Numerics;
using Credence.Ledger.Checkpoints;
using Credence.Ledger.Hashing;
using Credence.Ledger.Proofs;

namespace Credence.Ledger.Receipts;

/// <summary>
/// Verifies a receipt offline against a trusted verifier key: no ledger access, only the receipt, the
/// operator's key and the log's origin.
/// </summary>
/// <remarks>
/// <para>
/// Implementation note: there is no keyless mode. Without the operator's key a receipt proves only
/// that someone computed hashes, which anyone can: a forger builds a tree of its own, signs a
/// checkpoint of it with a key of its own, and the proof checks. So every verification takes a
/// <see cref="CheckpointVerifier"/>, and the caller decides where its key comes from.
/// </para>
/// <para>
/// The checks run in this order and a refusal names the first that failed, in one line: the JSON
/// form; the checkpoint's signature by the key (a changed root or size breaks it, as does a
/// signature by another key); the checkpoint's origin (by default the key's name, the C2SP
/// convention, so that a checkpoint of another log signed with the same key is refused); the index
/// inside the tree; the proof's length for that index and size (a truncated or extended proof); and
/// last the hashes (a changed entry, or a proof of another index).
/// </para>
/// </remarks>
public static class ReceiptVerifier
{
    /// <summary>Verifies a receipt in its JSON form against a verifier key given as text.</summary>
    /// <param name="receiptJson">The receipt JSON.</param>
    /// <param name="verifierKey">The operator's verifier key text.</param>
    /// <param name="expectedOrigin">The log's origin; null for the key's name.</param>
    /// <exception cref="FormatException">The verifier key (the caller's own configuration) is malformed.</exception>
    public static ReceiptVerification Verify(string receiptJson, string verifierKey, string? expectedOrigin = null)
    {
        ArgumentNullException.ThrowIfNull(verifierKey);
        return Verify(receiptJson, new CheckpointVerifier(verifierKey, expectedOrigin));
    }

    /// <summary>Verifies a receipt in its JSON form with a configured checkpoint verifier.</summary>
    public static ReceiptVerification Verify(string receiptJson, CheckpointVerifier verifier)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        if (!Receipt.TryFromJson(receiptJson, out var receipt, out var reason))
        {
            return ReceiptVerification.Refused($"malformed receipt: {reason}");
        }

        return Verify(receipt!, verifier);
    }

    /// <summary>Verifies a parsed receipt; the origin must be the verifier's expected one, or else its key's name.</summary>
    public static ReceiptVerification Verify(Receipt receipt, CheckpointVerifier verifier)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        ArgumentNullException.ThrowIfNull(verifier);
        var bound = verifier.ExpectedOrigin is null ? new CheckpointVerifier(verifier.Key, verifier.Key.Name) : verifier;
        var result = bound.Verify(receipt.CheckpointNote);
        if (!result.IsValid)
        {
            return ReceiptVerification.Refused($"checkpoint refused: {result.Reason}", receipt);
        }

        var checkpoint = result.Checkpoint!;
        if (receipt.Index >= checkpoint.Size)
        {
            return ReceiptVerification.Refused($"index {receipt.Index} is outside the checkpoint's tree of {checkpoint.Size} entries", receipt, checkpoint);
        }

        var needed = ProofLength(receipt.Index, checkpoint.Size);
        if (receipt.InclusionProof.Length != needed)
        {
            return ReceiptVerification.Refused(
                $"the inclusion proof has {receipt.InclusionProof.Length} hashes; entry {receipt.Index} of a tree of {checkpoint.Size} needs {needed} (truncated or extended)",
                receipt, checkpoint);
        }

        var leaf = MerkleHasher.LeafHash(receipt.Entry.Span);
        if (!ProofVerifier.VerifyInclusion(leaf, receipt.Index, checkpoint.Size, receipt.InclusionProof.AsSpan(), checkpoint.RootHash))
        {
            return ReceiptVerification.Refused(
                $"the inclusion proof does not lead from the entry at index {receipt.Index} to the checkpoint's root (the entry, its index or the proof is not the ledger's)",
                receipt, checkpoint);
        }

        return new ReceiptVerification(true, null, receipt, checkpoint);
    }

    /// <summary>The number of hashes in the inclusion proof of <paramref name="index"/> in a tree of <paramref name="size"/> (RFC 9162 §2.1.3.1: inner plus border).</summary>
    public static int ProofLength(long index, long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, size);
        var inner = 64 - BitOperations.LeadingZeroCount((ulong)(index ^ (size - 1)));
        var border = BitOperations.PopCount((ulong)index >> inner);
        return inner + border;
    }
}
