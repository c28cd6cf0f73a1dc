using Credence.Ledger.Checkpoints;
using Credence.Ledger.Storage;

namespace Credence.Ledger.Receipts;

/// <summary>Issues receipts from a ledger and one of its signed checkpoints.</summary>
public static class ReceiptIssuer
{
    /// <summary>
    /// The receipt for entry <paramref name="index"/>, proved against <paramref name="signedCheckpoint"/>.
    /// </summary>
    /// <remarks>
    /// Implementation note: the checkpoint's root is compared with the ledger's own root at that size
    /// before anything is issued, so a receipt is never built on a checkpoint of another ledger.
    /// </remarks>
    /// <exception cref="FormatException">The checkpoint note is malformed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The index is not inside the checkpoint's tree.</exception>
    /// <exception cref="InvalidOperationException">The checkpoint does not describe this ledger.</exception>
    public static Receipt Issue(ILedgerStore ledger, long index, string signedCheckpoint)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var checkpoint = Checkpoint.ParseBody(SignedNote.Parse(signedCheckpoint).Text);
        if (checkpoint.Size > ledger.Head.Size)
        {
            throw new InvalidOperationException($"The checkpoint has {checkpoint.Size} entries; the ledger only {ledger.Head.Size}.");
        }

        if (index < 0 || index >= checkpoint.Size)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"Entry {index} is not in the checkpoint's tree of {checkpoint.Size} entries.");
        }

        if (ledger.RootHash(checkpoint.Size) != checkpoint.RootHash)
        {
            throw new InvalidOperationException("The checkpoint's root is not this ledger's root at that size.");
        }

        var proof = ledger.ProveInclusion(index, checkpoint.Size);
        return new Receipt(ledger.ReadEntry(index), index, proof.Path, signedCheckpoint);
    }
}
