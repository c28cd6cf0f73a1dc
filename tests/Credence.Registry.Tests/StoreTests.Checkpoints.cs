using Credence.Registry.Access;
using Credence.Registry.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Credence.Registry.Tests;

/// <summary>The store's WAL checkpoints (on the store's own fixture).</summary>
public sealed partial class StoreTests
{
    private Task<bool> WriteAsync(SqliteRegistryStore store, int events) => store.WriteAsync(w =>
    {
        for (var i = 0; i < events; i++)
        {
            w.AppendAccess(new AccessEvent(0, clock.GetUtcNow(), null, "p" + i, null, "test", "subject-" + i, null, AccessOutcome.Ok, null));
        }

        return true;
    });

    private static long Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_checkpoint_copies_every_committed_frame_into_the_database_file_and_readers_see_the_same()
    {
        await using var store = SqliteRegistryStore.Open(DatabasePath, clock);
        await WriteAsync(store, 2_000);
        var (frames, copied) = store.Checkpointer.CheckpointNow();
        Assert.True(frames > 0);
        Assert.Equal(frames, copied);
        Assert.Equal(2_000, (await store.ReadAsync(r => r.AccessLog(0, 5_000))).Count);
    }

    [Fact]
    public async Task A_commit_is_followed_by_a_checkpoint_off_the_writer_s_thread()
    {
        await using var store = SqliteRegistryStore.Open(DatabasePath, clock);
        var before = store.Checkpointer.Checkpoints;
        await WriteAsync(store, 10);

        // Eventual, not timed: the checkpointer runs within its pause after the commit; the bound
        // only stops a broken checkpointer from hanging the run.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (store.Checkpointer.Checkpoints == before && waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(50);
        }

        Assert.True(store.Checkpointer.Checkpoints > before);
    }

    [Fact]
    public async Task The_writer_keeps_only_a_backstop_threshold_of_its_own_and_closing_right_after_a_commit_returns()
    {
        var store = SqliteRegistryStore.Open(DatabasePath, clock);
        var threshold = await store.WriteAsync(w =>
        {
            var session = (SqliteSession)w;
            using var command = session.Connection.CreateCommand();
            command.Transaction = session.Transaction;
            command.CommandText = "PRAGMA wal_autocheckpoint";
            return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        });
        Assert.Equal(50_000, threshold);

        // A stop that arrives while a checkpoint is pending is not lost (it once was: the close hung).
        await WriteAsync(store, 10);
        var closed = store.DisposeAsync().AsTask();
        Assert.Same(closed, await Task.WhenAny(closed, Task.Delay(TimeSpan.FromSeconds(60))));
        Assert.Equal(10, Scalar(DatabasePath, "SELECT COUNT(*) FROM access_log"));
    }
}
