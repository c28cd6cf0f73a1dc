using Credence.Registry.Storage;
using Microsoft.Extensions.Time.Testing;
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

    /// <summary>
    /// The migrated database every host's database is copied from, made on first use and dropped when
    /// the test process exits.
    /// </summary>
    /// <remarks>
    /// Implementation note: running the migrations took about half a second for each of the PostgreSQL
    /// pass's couple of hundred hosts; <c>CREATE DATABASE … TEMPLATE</c> copies a migrated one instead.
    /// The template is migrated through the store's own <see cref="StoreChoice.MigrateAsync"/> at the
    /// hosts' start instant, and nothing else is written to it, so a copy is what a fresh host's
    /// migrations would have made; the store still checks the schema version when a host opens it.
    /// </remarks>
    private static readonly Lazy<string> Template = new(CreateTemplate, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A new PostgreSQL database for one host, its schema up to date (a copy of <paramref name="template"/> when given, one <see cref="MakeTemplate"/> made); its connection string.</summary>
    public static string CreateDatabase(string? template = null)
    {
        var name = "credence_api_" + Guid.NewGuid().ToString("N");
        Admin($"CREATE DATABASE {name} TEMPLATE {Safe(template ?? Template.Value)}");
        return new NpgsqlConnectionStringBuilder(Server()) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// Renames a database <see cref="CreateDatabase"/> made (no one connected to it) to a template's name, which
    /// <see cref="DropStaleTemplates"/> drops in a later run; returns the new name for <see cref="CreateDatabase"/>.
    /// </summary>
    public static string MakeTemplate(string connectionString)
    {
        var name = Safe(new NpgsqlConnectionStringBuilder(connectionString).Database!);
        var template = "credence_api_template_" + name["credence_api_".Length..];
        NpgsqlConnection.ClearAllPools();
        Admin($"ALTER DATABASE {name} RENAME TO {template}");
        return template;
    }

    private static string Safe(string name) =>
        name.StartsWith("credence_api_", StringComparison.Ordinal) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? name
            : throw new ArgumentException($"not an API test database: {name}", nameof(name));

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

    private static string Server()
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"{Variable}=postgres needs a server: run scripts/test.sh (it starts one), or set {ServerVariable} to a connection string whose user may CREATE DATABASE");
        }

        return server;
    }

    private static void Admin(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server()) { Database = "postgres", Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static string CreateTemplate()
    {
        DropStaleTemplates();
        var name = "credence_api_template_" + Guid.NewGuid().ToString("N");
        Admin($"CREATE DATABASE {name}");
        var connection = new NpgsqlConnectionStringBuilder(Server()) { Database = name }.ConnectionString;
        StoreChoice.Database(connection).MigrateAsync(new FakeTimeProvider(ApiHost.Start)).GetAwaiter().GetResult();
        NpgsqlConnection.ClearAllPools();
        return name;
    }

    /// <summary>
    /// Drops the templates earlier test runs left on the server: the test host is stopped when its run
    /// ends, with no hook that surely runs after the last host, so a run's own template outlives it
    /// (on scripts/test.sh's private cluster it goes with the cluster). One still in use, by a run going
    /// on beside this one, is left (PostgreSQL refuses to drop a database it is copying).
    /// </summary>
    private static void DropStaleTemplates()
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server()) { Database = "postgres", Pooling = false }.ConnectionString);
        connection.Open();
        var stale = new List<string>();
        using (var find = new NpgsqlCommand("SELECT datname FROM pg_database WHERE datname LIKE 'credence\\_api\\_template\\_%'", connection))
        using (var reader = find.ExecuteReader())
        {
            while (reader.Read())
            {
                stale.Add(reader.GetString(0));
            }
        }

        foreach (var name in stale.Where(n => n.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')))
        {
            try
            {
                using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name}", connection);
                drop.ExecuteNonQuery();
            }
            catch (PostgresException)
            {
                // In use by another run: its own.
            }
        }
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
