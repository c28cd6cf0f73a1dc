namespace Credence.Registry.Ledger;

/// <summary>A ledger entry as stored: its leaf index, kind, the key of the row it covers and its canonical bytes.</summary>
public sealed record StoredLedgerEntry(long Index, EntryKind Kind, string RowKey, byte[] Bytes)
{
    /// <summary>The parsed entry.</summary>
    public LedgerEntry Entry => LedgerEntry.Parse(Bytes);
}
