using Credence.Registry.Storage;
using Npgsql;

namespace Credence.Api.Tests;

/// <summary>
/// The store the API tests serve, from <see cref="Variable"/>: <c>sqlite</c> (the default: a file in
/// the host's folder) or <c>postgres</c> (a fresh database per host on the server that
/// <c>CREDENCE_TEST_POSTGRES</c> names, dropped after). scripts/test.sh runs the API tests once on each.
/// </summary>
internal static class ApiStore
{
    public const string Variable = "CREDENCE_API_STORE";

    public const string ServerVariable = "CREDENCE_TEST_POSTGRES";

    /// <summary>The store's name, as <c>--store</c> takes it.</summary>
    public static string Kind { get; } = KindFrom(Environment.GetEnvironmentVariable(Variable));

    public static bool IsPostgres => Kind == StoreChoice.Postgres;

    public static string KindFrom(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or StoreChoice.Sqlite => StoreChoice.Sqlite,
        StoreChoice.Postgres => StoreChoice.Postgres,
        _ => throw new InvalidOperationException($"{Variable}='{value}' names no store: sqlite or postgres"),
    };

    /// <summary>A new empty PostgreSQL database for one host; its connection string.</summary>
    public static string CreateDatabase()
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"{Variable}=postgres needs a server: run scripts/test.sh (it starts one), or set {ServerVariable} to a connection string whose user may CREATE DATABASE");
        }

        var name = "credence_api_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            create.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database <see cref="CreateDatabase"/> made.</summary>
    public static void DropDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        if (!name.StartsWith("credence_api_", StringComparison.Ordinal) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException($"not an API test database: {name}", nameof(connectionString));
        }

        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }

    /// <summary>Runs one SQL statement on a served store (the tables have the same names on both stores).</summary>
    public static void Execute(StoreChoice store, string sql)
    {
        if (store.Kind == StoreChoice.Postgres)
        {
            using var pg = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(store.Target) { Pooling = false }.ConnectionString);
            pg.Open();
            using var command = new NpgsqlCommand(sql, pg);
            command.ExecuteNonQuery();
            return;
        }

        using var c = new Microsoft.Data.Sqlite.SqliteConnection(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = store.Target, Pooling = false }.ToString());
        c.Open();
        using var sqlite = c.CreateCommand();
        sqlite.CommandText = sql;
        sqlite.ExecuteNonQuery();
    }
}
