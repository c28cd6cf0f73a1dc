using System.Globalization;
using System.Reflection;
using Microsoft.Data.Sqlite;

namespace Credence.Registry.Storage.Sqlite;

/// <summary>
/// Applies the embedded SQL scripts (<c>Migrations/NNNN_name.sql</c>) that the database has not
/// seen yet, in order, each in its own transaction, and records them in <c>schema_migrations</c>.
/// </summary>
internal static class SqliteMigrations
{
    private const string Prefix = "migrations/";

    /// <summary>The migrations embedded in this assembly, by version.</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> All { get; } = Load();

    /// <summary>Brings the schema up to date; returns the versions applied now.</summary>
    public static IReadOnlyList<int> Apply(SqliteConnection connection, DateTimeOffset now)
    {
        Execute(connection, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT");
        var applied = new HashSet<int>();
        using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT version FROM schema_migrations";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        var done = new List<int>();
        foreach (var (version, name, sql) in All)
        {
            if (applied.Contains(version))
            {
                continue;
            }

            using var transaction = connection.BeginTransaction();
            Execute(connection, sql, transaction);
            using (var insert = connection.CreateCommand())
            {
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($v, $n, $t)";
                insert.Parameters.AddWithValue("$v", version);
                insert.Parameters.AddWithValue("$n", name);
                insert.Parameters.AddWithValue("$t", now.UtcTicks);
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
            done.Add(version);
        }

        return done;
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<(int, string, string)> Load()
    {
        var assembly = typeof(SqliteMigrations).Assembly;
        var result = new List<(int, string, string)>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var name = resource[Prefix.Length..^".sql".Length];
            var version = int.Parse(name[..name.IndexOf('_', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
            result.Add((version, name, Read(assembly, resource)));
        }

        return result;
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
