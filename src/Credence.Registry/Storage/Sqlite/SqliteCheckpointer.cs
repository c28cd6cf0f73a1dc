using Microsoft.Data.Sqlite;

namespace Credence.Registry.Storage.Sqlite;

/// <summary>
/// Copies committed WAL frames into the database file on a thread and connection of its own, so
/// the writer's commits do not stop to do it.
/// </summary>
/// <remarks>
/// Implementation note: SQLite's automatic checkpoint runs inside the commit that crosses its
/// threshold, on the writer's thread, and under load that was about a tenth of the writer's time
/// (copying pages and syncing the database file). A passive checkpoint from another connection
/// never blocks the writer or a reader, and the writer restarts the WAL at its next transaction
/// once everything in it was copied. It runs at most every <see cref="Pause"/> while commits keep
/// coming, and not at all while the registry is idle. The writer keeps a far larger automatic
/// threshold as a backstop, so the WAL stays bounded even if this thread fell behind. Failures are
/// housekeeping, not data: a checkpoint that fails leaves the frames in the WAL, where every reader
/// finds them, and the next one tries again.
/// </remarks>
internal sealed class SqliteCheckpointer : IDisposable
{
    /// <summary>How long commits are let accumulate before the next checkpoint.</summary>
    public static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(250);

    private readonly SqliteConnection connection;
    private readonly ManualResetEventSlim committed = new();
    private readonly CancellationTokenSource stop = new();
    private readonly Thread thread;
    private long checkpoints;

    public SqliteCheckpointer(string path)
    {
        connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        connection.Open();
        using (var timeout = connection.CreateCommand())
        {
            timeout.CommandText = "PRAGMA busy_timeout = 10000";
            timeout.ExecuteNonQuery();
        }

        thread = new Thread(Loop) { IsBackground = true, Name = "credence-sqlite-checkpointer" };
        thread.Start();
    }

    /// <summary>Checkpoints run so far.</summary>
    public long Checkpoints => Interlocked.Read(ref checkpoints);

    /// <summary>The writer committed: a checkpoint is due within <see cref="Pause"/>.</summary>
    public void Committed() => committed.Set();

    /// <summary>Runs one passive checkpoint now: the frames in the WAL, and how many of them are in the database file.</summary>
    public (long Frames, long Copied) CheckpointNow()
    {
        lock (connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
            using var reader = command.ExecuteReader();
            reader.Read();
            Interlocked.Increment(ref checkpoints);
            return (reader.GetInt64(1), reader.GetInt64(2));
        }
    }

    public void Dispose()
    {
        // The stop is a signal of its own that nothing resets, so it is never lost, and a pause in
        // progress ends at once: closing a store does not wait out a pending checkpoint.
        stop.Cancel();
        thread.Join();
        stop.Dispose();
        committed.Dispose();
        connection.Dispose();
    }

    private void Loop()
    {
        var stopped = stop.Token.WaitHandle;
        while (WaitHandle.WaitAny([committed.WaitHandle, stopped]) == 0 && !stopped.WaitOne(Pause))
        {
            committed.Reset();
            try
            {
                CheckpointNow();
            }
            catch (SqliteException)
            {
                // Housekeeping: the frames stay in the WAL and the next checkpoint copies them.
            }
        }
    }
}
