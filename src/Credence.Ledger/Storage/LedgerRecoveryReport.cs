namespace Credence.Ledger.Storage;

/// <summary>What opening a <see cref="FileLedger"/> found and repaired.</summary>
/// <param name="Size">Entries present after recovery.</param>
/// <param name="TailTruncated">True when a torn tail (partial record, index slot or hashes) was cut off.</param>
/// <param name="DiscardedEntries">Entries that were partly written but never acknowledged, and were dropped.</param>
public sealed record LedgerRecoveryReport(long Size, bool TailTruncated, long DiscardedEntries);
