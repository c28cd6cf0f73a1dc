namespace Credence.Registry.Ledger;

/// <summary>A ledger entry as stored: its leaf index, kind, the key of the row it covers, its canonical bytes, its leaf hash and its subject commitment (empty when none).</summary>
/// <param name="LeafHash">The stored RFC 6962 leaf hash (the audit checks it is the hash of <paramref name="Bytes"/>).</param>
/// <param name="Subject">The stored subject commitment column, by which a subject finds its own entries (the audit checks it is the one inside <paramref name="Bytes"/>).</param>
public sealed record StoredLedgerEntry(long Index, EntryKind Kind, string RowKey, byte[] Bytes, byte[] LeafHash, byte[] Subject)
{
    /// <summary>The parsed entry.</summary>
    public LedgerEntry Entry => LedgerEntry.Parse(Bytes);
}
