namespace Credence.Registry.Ledger;

/// <summary>What <see cref="LedgerAudit"/> found: sizes checked, and every mismatch with its location.</summary>
public sealed record LedgerAuditReport(long Entries, int Checkpoints, bool SignaturesChecked, IReadOnlyList<string> Problems)
{
    public bool IsConsistent => Problems.Count == 0;
}
