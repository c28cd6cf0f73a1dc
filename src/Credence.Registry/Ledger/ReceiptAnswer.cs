using Credence.Ledger.Receipts;

namespace Credence.Registry.Ledger;

/// <summary>
/// The answer to a subject's receipt request: the receipt, when a signed checkpoint already covers the
/// entry, or else when to come back (the next scheduled checkpoint).
/// </summary>
/// <param name="Index">The entry's ledger index.</param>
/// <param name="Receipt">The receipt against the newest checkpoint; null while no checkpoint covers the entry.</param>
/// <param name="CoveredSize">The size of the newest signed checkpoint (0 when none is signed yet).</param>
/// <param name="ComeBackAt">When the next scheduled checkpoint is signed; null when the receipt is ready.</param>
/// <param name="RetryAfterSeconds">Whole seconds from now until <paramref name="ComeBackAt"/>, at least 1; 0 when ready.</param>
public sealed record ReceiptAnswer(long Index, Receipt? Receipt, long CoveredSize, DateTimeOffset? ComeBackAt, long RetryAfterSeconds)
{
    /// <summary>True when <see cref="Receipt"/> is there.</summary>
    public bool IsReady => Receipt is not null;
}
