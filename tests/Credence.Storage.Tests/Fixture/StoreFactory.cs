using Credence.Registry.Ledger;
using Credence.Registry.Storage;
using Credence.Registry.Storage.Sqlite;

namespace Credence.Storage.Tests.Fixture;

/// <summary>
/// Opens a store of each kind at a location (a SQLite file, a PostgreSQL connection string) and
/// audits its ledger: the only place the suite names a concrete store. To add a store, add a kind,
/// open and audit it here, and give every contract class a subclass for it (see OnSqlite.cs).
/// </summary>
public static class StoreFactory
{
    public static IRegistryStore Open(StoreKind kind, string location, TimeProvider clock) => kind switch
    {
        StoreKind.Sqlite => SqliteRegistryStore.Open(location, clock),
        StoreKind.Postgres => OpenPostgres(location, clock),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The ledger audit that <c>credence verify</c> runs, without a checkpoint key: its problems, none when the ledger and the rows agree.</summary>
    public static IReadOnlyList<string> AuditLedger(StoreKind kind, string location) => kind switch
    {
        StoreKind.Sqlite => LedgerAudit.Run(location, verifierKey: null).Problems,
        StoreKind.Postgres => AuditPostgres(location),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The PostgreSQL store: switched on when it lands (branch pg-store).</summary>
    private static IRegistryStore OpenPostgres(string connectionString, TimeProvider clock) =>
        throw new NotSupportedException($"the PostgreSQL store has not landed yet (cannot open {connectionString} at {clock.GetUtcNow():O})");

    private static IReadOnlyList<string> AuditPostgres(string connectionString) =>
        throw new NotSupportedException($"the PostgreSQL store has not landed yet (cannot audit {connectionString})");
}
