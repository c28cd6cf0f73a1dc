using System.Security.Cryptography;
using Npgsql;

namespace Credence.Storage.Tests.Fixture;

/// <summary>
/// The PostgreSQL server the tests run against, named by <see cref="Variable"/>: a fresh database on
/// it for each test, dropped afterwards. Without the variable every PostgreSQL case fails, saying how
/// to get a server: a missing server never lets a test pass.
/// </summary>
public static class TestPostgres
{
    /// <summary>A connection string (e.g. <c>Host=127.0.0.1;Port=5432;Username=credence</c>) whose user may CREATE DATABASE.</summary>
    public const string Variable = "CREDENCE_TEST_POSTGRES";

    /// <summary>Every database the tests make starts with this (and ends with 32 random hex digits).</summary>
    public const string Prefix = "credence_t_";

    /// <summary>The server's connection string (to its maintenance database) from <paramref name="environment"/>.</summary>
    /// <exception cref="InvalidOperationException">The variable is missing or empty: the message says what to do.</exception>
    public static string ServerConnection(Func<string, string?>? environment = null)
    {
        var value = (environment ?? Environment.GetEnvironmentVariable)(Variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException(
                $"{Variable} is not set, so the PostgreSQL tests have no server. Run scripts/test.sh (it starts a private PostgreSQL " +
                $"and sets it), or set {Variable} to a connection string whose user may CREATE DATABASE, e.g. Host=127.0.0.1;Port=5432;Username=credence");
        }

        return new NpgsqlConnectionStringBuilder(value) { Database = "postgres", Pooling = false }.ConnectionString;
    }

    /// <summary>
    /// Creates a database with a random name and returns a connection string to it: an empty one, or a copy
    /// of <paramref name="template"/> (a test database no connection is open on).
    /// </summary>
    public static async Task<string> CreateDatabaseAsync(string? template = null)
    {
        var server = ServerConnection();
        var name = Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var copy = template is null ? string.Empty : " TEMPLATE " + TestDatabase(template, nameof(template));
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand(Credence.Testing.PostgresAdmin.Strategy(connection, $"CREATE DATABASE {name}{copy}"), connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(Variable)) { Database = name }.ConnectionString;
    }

    /// <summary>Drops the database a connection string names (closing any connection still on it).</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = TestDatabase(connectionString, nameof(connectionString));
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnection());
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>Whether a database of this name exists on the server.</summary>
    public static async Task<bool> ExistsAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var connection = new NpgsqlConnection(ServerConnection());
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = name! } } };
        return (long)(await query.ExecuteScalarAsync())! == 1;
    }

    /// <summary>The name of the test database a connection string names; anything else is refused, never created from or dropped.</summary>
    private static string TestDatabase(string connectionString, string parameter)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        if (name is null || !name.StartsWith(Prefix, StringComparison.Ordinal) || name.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '_'))
        {
            throw new ArgumentException($"not a test database: {name}", parameter);
        }

        return name;
    }
}
