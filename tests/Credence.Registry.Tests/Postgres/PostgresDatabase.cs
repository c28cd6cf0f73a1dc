using Npgsql;

namespace Credence.Registry.Tests.Postgres;

/// <summary>A fresh database on the test server, empty or a copy of another, dropped when disposed.</summary>
internal sealed class PostgresDatabase : IDisposable
{
    private PostgresDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    /// <summary>The test server's connection string, from <c>CREDENCE_TEST_POSTGRES</c>, or null.</summary>
    public static string? ServerConnection => Environment.GetEnvironmentVariable("CREDENCE_TEST_POSTGRES");

    public string Name { get; }

    /// <summary>The connection string of this database.</summary>
    public string ConnectionString { get; }

    /// <summary>A new, empty database.</summary>
    public static PostgresDatabase Create() => New("template0");

    /// <summary>A new database that is a copy of this one, which no connection may be open on.</summary>
    public PostgresDatabase Copy() => New(Name);

    private static PostgresDatabase New(string template)
    {
        var server = ServerConnection ?? throw new InvalidOperationException("CREDENCE_TEST_POSTGRES is not set: run scripts/test.sh, which starts a private PostgreSQL, or set it to a connection string with the right to create databases");
        var name = "credence_test_" + Guid.NewGuid().ToString("N");
        Admin($"CREATE DATABASE {name} TEMPLATE {template} ENCODING 'UTF8'");
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = true };
        return new PostgresDatabase(name, builder.ConnectionString);
    }

    /// <summary>Runs <paramref name="sql"/> on this database, outside any store (to look at what a store wrote, or to tamper with it).</summary>
    public T Query<T>(string sql, Func<NpgsqlDataReader, T> read)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        using var reader = command.ExecuteReader();
        return read(reader);
    }

    public void Execute(string sql) => Query(sql, r => r.RecordsAffected);

    public void Dispose()
    {
        Admin($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }

    private static void Admin(string sql) => Credence.Testing.PostgresAdmin.Execute(ServerConnection!, sql);
}
