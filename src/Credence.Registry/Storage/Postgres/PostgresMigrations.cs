using System.Globalization;
using System.Reflection;
using Npgsql;

namespace Credence.Registry.Storage.Postgres;

/// <summary>
/// Applies the embedded SQL scripts (<c>Migrations/NNNN_name.sql</c>) that the database has not seen
/// yet, in order, each in its own transaction, and records them in <c>schema_migrations</c>.
/// </summary>
/// <remarks>
/// Implementation note: PostgreSQL runs DDL inside transactions, so a migration that fails leaves
/// nothing behind. Two processes opening the same database at once (two <c>serve</c> nodes, or
/// <c>credence db migrate</c> beside a server) take a session advisory lock first, so one applies
/// and the other finds the work done. A database whose schema is newer than this program knows is
/// refused rather than written by code that does not know its tables.
/// </remarks>
internal static class PostgresMigrations
{
    private const string Prefix = "postgres-migrations/";

    /// <summary>The advisory lock key of the migrations (any fixed number; this one spells "credence").</summary>
    private const long LockKey = 0x63726564656E6365;

    /// <summary>The migrations embedded in this assembly, by version.</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> All { get; } = Load();

    public static int Latest => All.Max(m => m.Version);

    /// <summary>Brings the schema up to date; returns the versions applied now.</summary>
    public static IReadOnlyList<int> Apply(NpgsqlConnection connection, DateTimeOffset now)
    {
        Execute(connection, $"SELECT pg_advisory_lock({LockKey})");
        try
        {
            Execute(connection, "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)");
            var applied = new HashSet<int>();
            using (var select = new NpgsqlCommand("SELECT version FROM schema_migrations", connection))
            using (var reader = select.ExecuteReader())
            {
                while (reader.Read())
                {
                    applied.Add(reader.GetInt32(0));
                }
            }

            if (applied.Count > 0 && applied.Max() > Latest)
            {
                throw new StoreUnavailableException(
                    $"the database's schema is at version {applied.Max()}, newer than this program knows ({Latest}); run a newer credence against it");
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
                using (var insert = new NpgsqlCommand("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", connection, transaction))
                {
                    insert.Parameters.Add(new NpgsqlParameter { Value = version });
                    insert.Parameters.Add(new NpgsqlParameter { Value = name });
                    insert.Parameters.Add(new NpgsqlParameter { Value = now.UtcTicks });
                    insert.ExecuteNonQuery();
                }

                transaction.Commit();
                done.Add(version);
            }

            return done;
        }
        finally
        {
            if (connection.FullState == System.Data.ConnectionState.Open)
            {
                Execute(connection, $"SELECT pg_advisory_unlock({LockKey})");
            }
        }
    }

    /// <summary>The highest version recorded in the database, 0 when none.</summary>
    public static int Current(NpgsqlConnection connection)
    {
        using var command = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", connection);
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(NpgsqlConnection connection, string sql, NpgsqlTransaction? transaction = null)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }

    private static List<(int, string, string)> Load()
    {
        var assembly = typeof(PostgresMigrations).Assembly;
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
