namespace Credence.Registry.Ledger;

/// <summary>
/// The ledger as a store keeps it, read inside one transaction or read snapshot: the commitment salt,
/// the entries, the tree's nodes in post-order, the checkpoints, and the rows the entries cover.
/// Reached through <see cref="Storage.IRegistryReader.Ledger"/>; see README.md in this folder.
/// </summary>
/// <remarks>
/// Implementation note: a store answers with what it holds and nothing more: no entry is built, hashed
/// or checked here (the shared <see cref="LedgerAppender"/>, <see cref="EntryContent"/> and
/// <see cref="LedgerAudit"/> do that), so every store keeps the same ledger and is audited the same way.
/// </remarks>
public interface ILedgerReader
{
    /// <summary>
    /// The per-registry secret that salts subject commitments: 32 random bytes the store makes once, with
    /// its schema, and never serves.
    /// </summary>
    /// <exception cref="InvalidDataException">The store has no salt.</exception>
    byte[] Salt();

    /// <summary>The number of entries (indices are 0 to Size - 1, contiguous).</summary>
    long Size();

    /// <summary>The number of node hashes stored (2n - popcount(n) for a tree of n leaves).</summary>
    long NodeCount();

    /// <summary>
    /// The 32-byte hash at <paramref name="position"/> in post-order (a leaf hash, then the hashes of the
    /// complete subtrees it completes, lowest first), or null when there is none.
    /// </summary>
    byte[]? Node(long position);

    /// <summary>The entry at <paramref name="index"/> with its stored leaf hash and subject commitment, or null.</summary>
    StoredLedgerEntry? Entry(long index);

    /// <summary>The index of the entry that covers the row <paramref name="rowKey"/> of <paramref name="kind"/>, or null.</summary>
    long? IndexOf(EntryKind kind, string rowKey);

    /// <summary>The entries whose subject commitment is <paramref name="commitment"/>, before <paramref name="beforeIndex"/>, newest first.</summary>
    IReadOnlyList<StoredLedgerEntry> SubjectEntries(byte[] commitment, long beforeIndex, int limit);

    /// <summary>The checkpoint stored last, or null before the first.</summary>
    StoredCheckpoint? NewestCheckpoint();

    /// <summary>Stored checkpoints with an id above <paramref name="afterId"/>, oldest first.</summary>
    IReadOnlyList<StoredCheckpoint> Checkpoints(long afterId, int limit);

    /// <summary>
    /// The row of <paramref name="kind"/> with key <paramref name="rowKey"/> (see <see cref="LedgeredRow.RowKey"/>)
    /// read back as the domain object it was stored from; null when there is no such row.
    /// </summary>
    /// <exception cref="InvalidDataException">The row exists but cannot be read as its domain object.</exception>
    LedgeredRow? CoveredRow(EntryKind kind, string rowKey);

    /// <summary>
    /// The keys (<see cref="LedgeredRow.RowKey"/>) of the rows of <paramref name="kind"/> that no entry
    /// of that kind covers, in ordinal order (the audit reports each).
    /// </summary>
    IReadOnlyList<string> RowsWithoutEntry(EntryKind kind);
}
