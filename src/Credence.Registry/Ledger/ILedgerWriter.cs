namespace Credence.Registry.Ledger;

/// <summary>
/// The ledger inside a unit of work's transaction, as a use case may change it: it reads, and stores
/// the checkpoints it signs. Entries are not written here: a store appends them through the shared
/// <see cref="LedgerAppender"/> as it inserts the rows they cover (see <see cref="ILedgerTables"/>).
/// Reached through <see cref="Storage.IRegistryWriter.Ledger"/>.
/// </summary>
public interface ILedgerWriter : ILedgerReader
{
    /// <summary>Stores a signed checkpoint and returns its id (ids grow with each checkpoint).</summary>
    long InsertCheckpoint(long size, byte[] root, string note, DateTimeOffset signedAt);
}
