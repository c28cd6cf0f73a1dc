using Npgsql;

namespace Credence.Cluster.Bench;

/// <summary>A fresh database on the benchmark's PostgreSQL server, dropped (connections and all) when disposed.</summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string server;
    private readonly string name;

    private BenchDatabase(string server, string name)
    {
        this.server = server;
        this.name = name;
    }

    public string ConnectionString => new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;

    public static async Task<BenchDatabase> CreateAsync(string server, string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid().ToString("N")[..8]}";
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'", admin);
        await create.ExecuteNonQueryAsync();
        return new BenchDatabase(server, name);
    }

    /// <summary>The database's size on disk, in bytes.</summary>
    public async Task<long> SizeAsync()
    {
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await using var size = new NpgsqlCommand($"SELECT pg_database_size('{name}')", admin);
        return (long)(await size.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
