using Npgsql;

namespace Credence.Cluster.Bench;

/// <summary>
/// A database on the benchmark's PostgreSQL server: a fresh one dropped (connections and all) when disposed, or a
/// kept one (<see cref="CreateKeptAsync"/>, <see cref="Kept"/>) that outlives the run, to be measured again.
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string server;
    private readonly bool keep;

    private BenchDatabase(string server, string name, bool keep)
    {
        this.server = server;
        Name = name;
        this.keep = keep;
    }

    public string Name { get; }

    public string ConnectionString => new NpgsqlConnectionStringBuilder(server) { Database = Name }.ConnectionString;

    public static async Task<BenchDatabase> CreateAsync(string server, string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid().ToString("N")[..8]}";
        await ExecuteAsync(server, $"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'");
        return new BenchDatabase(server, name, keep: false);
    }

    /// <summary>A database named <paramref name="name"/>, made anew (one of that name left by an unfinished load is dropped first) and kept after the run.</summary>
    public static async Task<BenchDatabase> CreateKeptAsync(string server, string name)
    {
        await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        await ExecuteAsync(server, $"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'");
        return new BenchDatabase(server, name, keep: true);
    }

    /// <summary>A database a run before this one loaded and kept.</summary>
    public static BenchDatabase Kept(string server, string name) => new(server, name, keep: true);

    /// <summary>The database's size on disk, in bytes.</summary>
    public async Task<long> SizeAsync()
    {
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await using var size = new NpgsqlCommand($"SELECT pg_database_size('{Name}')", admin);
        return (long)(await size.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (!keep)
        {
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
        }
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }
}
