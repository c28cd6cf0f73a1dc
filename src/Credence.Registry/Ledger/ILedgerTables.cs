namespace Credence.Registry.Ledger;

/// <summary>
/// What a store implements for the ledger, per transaction: everything an <see cref="ILedgerWriter"/>
/// does, and the raw inserts the shared <see cref="LedgerAppender"/> makes. Only the appender calls
/// <see cref="InsertEntries"/> and <see cref="InsertNodes"/>; use cases see an <see cref="ILedgerWriter"/>.
/// </summary>
/// <remarks>
/// <para>
/// A store: (1) keeps the tables (entries with index, kind, row key, bytes, leaf hash and subject
/// commitment, unique on (kind, row key); nodes by position; the salt; checkpoints), in the same
/// database and transaction as the covered rows; (2) holds one <see cref="LedgerAppender"/> for its
/// writer, opened with <see cref="LedgerAppender.Open"/>; (3) right after inserting each covered row
/// (a record version, a decision, an access event with its id, a case step with its id) calls
/// <see cref="LedgerAppender.Append"/> with the domain object, inside the same transaction; (4) calls
/// <see cref="LedgerAppender.Flush"/> before it commits; (5) after a rollback, or when another writer
/// may have appended, calls <see cref="LedgerAppender.Reload"/> before the next append.
/// </para>
/// <para>
/// Implementation note: entries and nodes arrive in runs (a batch of appends is flushed at once), so a
/// store may insert each run with one statement or one COPY.
/// </para>
/// </remarks>
public interface ILedgerTables : ILedgerWriter
{
    /// <summary>
    /// Stores entries at consecutive indices continuing the ledger (the first at <see cref="ILedgerReader.Size"/>);
    /// an empty <see cref="StoredLedgerEntry.Subject"/> is stored as none.
    /// </summary>
    void InsertEntries(IReadOnlyList<StoredLedgerEntry> entries);

    /// <summary>Stores consecutive 32-byte node hashes from <paramref name="position"/> on (the first at <see cref="ILedgerReader.NodeCount"/>).</summary>
    void InsertNodes(long position, ReadOnlySpan<byte> hashes);
}
