using Credence.Ledger.Checkpoints;

namespace Credence.Ledger.Receipts;

/// <summary>The outcome of verifying a receipt.</summary>
/// <param name="IsValid">
/// True when the receipt is well formed and its proof leads from the entry to the checkpoint's root,
/// and, when a verifier key was given, the checkpoint is validly signed by it.
/// </param>
/// <param name="Reason">One line saying why it was refused; null when valid.</param>
/// <param name="SignatureVerified">True only when a verifier key was given and the signature checked out.</param>
/// <param name="Receipt">The parsed receipt, when it parsed.</param>
/// <param name="Checkpoint">The checkpoint the receipt rests on, when it parsed.</param>
public sealed record ReceiptVerification(bool IsValid, string? Reason, bool SignatureVerified, Receipt? Receipt, Checkpoint? Checkpoint)
{
    internal static ReceiptVerification Refused(string reason, Receipt? receipt = null, Checkpoint? checkpoint = null) =>
        new(false, reason, false, receipt, checkpoint);
}
