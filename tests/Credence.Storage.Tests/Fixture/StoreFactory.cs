using Credence.Registry.Ledger;
using Credence.Registry.Storage;
using Credence.Registry.Storage.Postgres;
using Credence.Registry.Storage.Sqlite;

namespace Credence.Storage.Tests.Fixture;

/// <summary>
/// Opens a store of each kind at a location (a SQLite file, a PostgreSQL connection string) and
/// audits its ledger: the only place the suite names a concrete store. To add a store, add a kind,
/// open and audit it here, and give every contract class a subclass for it (see OnSqlite.cs).
/// </summary>
public static class StoreFactory
{
    public static IRegistryStore Open(StoreKind kind, string location, TimeProvider clock, LedgerBatching? batching = null) => kind switch
    {
        StoreKind.Sqlite => SqliteRegistryStore.Open(location, clock, batching),
        StoreKind.Postgres => PostgresRegistryStore.Open(location, clock, batching),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The transactions a store's writer committed since it opened.</summary>
    public static long Commits(IRegistryStore store) => store switch
    {
        SqliteRegistryStore sqlite => sqlite.Commits,
        PostgresRegistryStore postgres => postgres.Commits,
        _ => throw new ArgumentOutOfRangeException(nameof(store)),
    };

    /// <summary>The ledger audit that <c>credence verify</c> runs, without a checkpoint key: its problems, none when the ledger and the rows agree.</summary>
    public static IReadOnlyList<string> AuditLedger(StoreKind kind, string location) => kind switch
    {
        StoreKind.Sqlite => Audit(StoreChoice.File(location)),
        StoreKind.Postgres => Audit(StoreChoice.Database(location)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static IReadOnlyList<string> Audit(StoreChoice store) => LedgerAudit.RunAsync(store, verifierKey: null).GetAwaiter().GetResult().Problems;
}
