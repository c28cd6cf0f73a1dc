namespace Credence.Storage.Tests.Fixture;

/// <summary>The stores the contract suite runs against.</summary>
public enum StoreKind
{
    /// <summary>The embedded store: one SQLite file.</summary>
    Sqlite,

    /// <summary>The production store: a PostgreSQL database.</summary>
    Postgres,
}
