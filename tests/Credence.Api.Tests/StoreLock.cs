using Credence.Registry.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Credence.Api.Tests;

/// <summary>
/// A lock another connection holds on a served store so that its writer cannot begin a transaction:
/// SQLite's write lock (<c>BEGIN IMMEDIATE</c>), or on PostgreSQL the writers' clock row, which every
/// writer reads first. Released (rolled back) when disposed.
/// </summary>
internal sealed class StoreLock : IAsyncDisposable
{
    private readonly System.Data.Common.DbConnection connection;
    private readonly System.Data.Common.DbTransaction transaction;

    private StoreLock(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction)
    {
        this.connection = connection;
        this.transaction = transaction;
    }

    public static async Task<StoreLock> TakeAsync(StoreChoice store)
    {
        if (store.Kind == StoreChoice.Postgres)
        {
            var pg = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(store.Target) { Pooling = false }.ConnectionString);
            await pg.OpenAsync();
            var tx = await pg.BeginTransactionAsync();
            await using var command = new NpgsqlCommand("LOCK TABLE writer_clock IN ACCESS EXCLUSIVE MODE", pg, tx);
            await command.ExecuteNonQueryAsync();
            return new StoreLock(pg, tx);
        }

        var sqlite = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = store.Target, Pooling = false }.ToString());
        await sqlite.OpenAsync();
        var write = sqlite.BeginTransaction(deferred: false);
        return new StoreLock(sqlite, write);
    }

    public async ValueTask DisposeAsync()
    {
        await transaction.RollbackAsync();
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
