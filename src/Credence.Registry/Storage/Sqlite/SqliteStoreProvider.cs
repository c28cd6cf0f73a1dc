using Credence.Registry.Ledger;

namespace Credence.Registry.Storage.Sqlite;

/// <summary>The embedded store for <see cref="StoreChoice"/>: one SQLite database file.</summary>
public sealed class SqliteStoreProvider : IStoreProvider
{
    /// <inheritdoc />
    public string Kind => StoreChoice.Sqlite;

    /// <inheritdoc />
    public bool IsFile => true;

    /// <inheritdoc />
    public IRegistryStore Open(string target, TimeProvider clock, LedgerBatching? batching, bool bulkLoad) => SqliteRegistryStore.Open(target, clock, batching, bulkLoad);

    /// <inheritdoc />
    public IRegistryStore OpenReadOnly(string target) => SqliteReadOnlyStore.Open(target);

    /// <inheritdoc />
    public async Task<(int Version, IReadOnlyList<int> Applied)> MigrateAsync(string target, TimeProvider clock, CancellationToken cancellationToken)
    {
        // Opening the embedded store migrates it; nothing else is running against a file being migrated.
        await using var store = SqliteRegistryStore.Open(target, clock);
        return (SqliteRegistryStore.SchemaVersion, store.AppliedMigrations);
    }

    /// <inheritdoc />
    public string Name(string target) => Path.GetFileName(Path.GetFullPath(target));

    /// <inheritdoc />
    public string Describe(string target) => Path.GetFullPath(target);

    /// <inheritdoc />
    public bool IsShared => false;

    /// <inheritdoc />
    public Orleans.IMembershipTable OpenMembership(string target, string clusterId, TimeProvider clock) =>
        throw new NotSupportedException("a SQLite registry is a file that belongs to one process: a cluster's silos share a PostgreSQL store");

    /// <inheritdoc />
    /// <remarks>Microsoft.Data.Sqlite emits no meter or activity source.</remarks>
    public IReadOnlyList<string> TelemetrySources { get; } = [];
}
