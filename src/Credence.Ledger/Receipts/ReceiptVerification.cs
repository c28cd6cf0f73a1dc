using Credence.Ledger.Checkpoints;

namespace Credence.Ledger.Receipts;

/// <summary>The outcome of verifying a receipt against a trusted verifier key.</summary>
/// <param name="IsValid">
/// True when the receipt is well formed, its checkpoint is signed by the trusted key for the expected
/// origin, and its proof leads from the entry to the checkpoint's root.
/// </param>
/// <param name="Reason">One line saying why it was refused; null when valid.</param>
/// <param name="Receipt">The parsed receipt, when it parsed.</param>
/// <param name="Checkpoint">The checkpoint the receipt rests on, when its signature verified.</param>
public sealed record ReceiptVerification(bool IsValid, string? Reason, Receipt? Receipt, Checkpoint? Checkpoint)
{
    internal static ReceiptVerification Refused(string reason, Receipt? receipt = null, Checkpoint? checkpoint = null) =>
        new(false, reason, receipt, checkpoint);
}
