namespace Credence.Ledger.Storage;

/// <summary>Counters of a <see cref="FileLedger"/> since it was opened.</summary>
/// <param name="Entries">Entries appended and acknowledged.</param>
/// <param name="Commits">Group commits (each writes a batch and makes it durable once).</param>
/// <param name="Fsyncs">fsync calls (three per commit: entries, index, nodes).</param>
public sealed record LedgerStatistics(long Entries, long Commits, long Fsyncs);
