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

    private static readonly Lock HolderGate = new();

    /// <summary>The connection that holds this process's template locks (see <see cref="Hold"/>).</summary>
    private static NpgsqlConnection? holder;

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
        Hold(template);
        NpgsqlConnection.ClearAllPools();

        // A connection the stopped server's pool still held would make the rename fail: none may remain.
        Admin($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()");
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

    private static void Admin(string sql) =>
        Credence.Testing.PostgresAdmin.Execute(new NpgsqlConnectionStringBuilder(Server()) { Database = "postgres" }.ConnectionString, sql);

    private static string CreateTemplate()
    {
        DropStaleTemplates();
        var name = "credence_api_template_" + Guid.NewGuid().ToString("N");
        Hold(name);
        Admin($"CREATE DATABASE {name}");
        var connection = new NpgsqlConnectionStringBuilder(Server()) { Database = name }.ConnectionString;
        StoreChoice.Database(connection).MigrateAsync(new FakeTimeProvider(ApiHost.Start)).GetAwaiter().GetResult();
        NpgsqlConnection.ClearAllPools();
        return name;
    }

    /// <summary>
    /// Takes, for the rest of the test process, an advisory lock named after a template this process made (before
    /// the template exists): <see cref="DropStaleTemplates"/> in a run going on beside this one leaves it.
    /// </summary>
    /// <remarks>
    /// Implementation note: the lock is held by a connection of its own that stays open until the process ends,
    /// when the server releases it; the templates are used for the whole run (every host is copied from one), so
    /// "not being copied at this instant" did not make one stale.
    /// </remarks>
    private static void Hold(string template)
    {
        lock (HolderGate)
        {
            holder ??= Open();
            using var command = new NpgsqlCommand("SELECT pg_advisory_lock(hashtextextended(@name, 0))", holder);
            command.Parameters.AddWithValue("name", template);
            command.ExecuteNonQuery();
        }

        static NpgsqlConnection Open()
        {
            var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server()) { Database = "postgres", Pooling = false }.ConnectionString);
            connection.Open();
            return connection;
        }
    }

    /// <summary>
    /// Drops the templates earlier test runs left on the server: the test host is stopped when its run
    /// ends, with no hook that surely runs after the last host, so a run's own templates outlive it
    /// (on scripts/test.sh's private cluster they go with the cluster). One whose lock (<see cref="Hold"/>)
    /// a run going on beside this one holds is left, and so is one it is copying (PostgreSQL refuses to drop it).
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
            using (var free = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtextextended(@name, 0))", connection))
            {
                free.Parameters.AddWithValue("name", name);
                if (free.ExecuteScalar() is not true)
                {
                    // Held by a run going on beside this one: its own.
                    continue;
                }
            }

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
