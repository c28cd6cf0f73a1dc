using Credence.Registry.Ledger;

namespace Credence.Registry.Storage.Postgres;

/// <summary>The production store for <see cref="StoreChoice"/>: a PostgreSQL database named by a connection string.</summary>
public sealed class PostgresStoreProvider : IStoreProvider
{
    /// <inheritdoc />
    public string Kind => StoreChoice.Postgres;

    /// <inheritdoc />
    public bool IsFile => false;

    /// <inheritdoc />
    public IRegistryStore Open(string target, TimeProvider clock, LedgerBatching? batching, bool bulkLoad) => PostgresRegistryStore.Open(target, clock, batching, bulkLoad);

    /// <inheritdoc />
    public IRegistryStore OpenReadOnly(string target) => PostgresReadOnlyStore.Open(target);

    /// <inheritdoc />
    public Task<(int Version, IReadOnlyList<int> Applied)> MigrateAsync(string target, TimeProvider clock, CancellationToken cancellationToken) =>
        PostgresRegistryStore.MigrateAsync(target, clock, cancellationToken);

    /// <inheritdoc />
    public bool IsShared => true;

    /// <inheritdoc />
    public Orleans.IMembershipTable OpenMembership(string target, string clusterId, TimeProvider clock) => new PostgresMembershipTable(target, clusterId, clock);

    /// <inheritdoc />
    public string Name(string target) => PostgresRegistryStore.DatabaseName(target);

    /// <inheritdoc />
    public string Describe(string target) => PostgresRegistryStore.Redact(target);

    /// <inheritdoc />
    /// <remarks>Npgsql 8 and later emit both its meter and its activity source under this name.</remarks>
    public IReadOnlyList<string> TelemetrySources { get; } = ["Npgsql"];
}
