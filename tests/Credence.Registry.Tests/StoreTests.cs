using Credence.Registry.Access;
using Credence.Registry.Storage;
using Credence.Registry.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Credence.Registry.Tests;

public sealed partial class StoreTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "credence-tests", Guid.NewGuid().ToString("N"));
    private readonly ManualClock clock = new(TestRegistry.Start);

    private string DatabasePath => Path.Combine(folder, "store.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task One_read_sees_one_snapshot_even_when_a_write_commits_in_between()
    {
        await using var store = SqliteRegistryStore.Open(DatabasePath, clock);
        await store.WriteAsync(w => w.AppendAccess(new AccessEvent(0, clock.GetUtcNow(), null, "first", null, "test", "s", null, AccessOutcome.Ok, null)));
        var (before, after) = await store.ReadAsync(r =>
        {
            var first = r.AccessLog(0, 100).Count;
            // Another unit of work commits while this read is in progress.
            store.WriteAsync(w => w.AppendAccess(new AccessEvent(0, clock.GetUtcNow(), null, "second", null, "test", "s", null, AccessOutcome.Ok, null))).GetAwaiter().GetResult();
            return (first, r.AccessLog(0, 100).Count);
        });
        Assert.Equal(before, after);
        Assert.Equal(before + 1, await store.ReadAsync(r => r.AccessLog(0, 100).Count));
    }

    [Fact]
    public async Task Migrations_run_once_and_the_database_is_durable_WAL()
    {
        await using (var store = SqliteRegistryStore.Open(DatabasePath, clock))
        {
            Assert.Equal([.. SqliteMigrations.All.Select(m => m.Version)], store.AppliedMigrations);
            Assert.Equal([1, 2], store.AppliedMigrations.Take(2));
            var (journal, synchronous, foreignKeys) = await store.WriteAsync(w =>
            {
                var s = (SqliteSession)w;
                string Pragma(string name)
                {
                    using var c = s.Connection.CreateCommand();
                    c.CommandText = "PRAGMA " + name;
                    return Convert.ToString(c.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
                }

                return (Pragma("journal_mode"), Pragma("synchronous"), Pragma("foreign_keys"));
            });
            Assert.Equal(("wal", "2", "1"), (journal, synchronous, foreignKeys));
        }

        await using (var again = SqliteRegistryStore.Open(DatabasePath, clock))
        {
            Assert.Empty(again.AppliedMigrations);
            Assert.Equal(SqliteRegistryStore.SchemaVersion, await again.ReadAsync(r =>
            {
                using var c = ((SqliteSession)r).Connection.CreateCommand();
                c.CommandText = "SELECT MAX(version) FROM schema_migrations";
                return Convert.ToInt32(c.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            }));
        }
    }

    [Fact]
    public async Task Writes_queued_while_the_writer_is_busy_commit_together()
    {
        await using var store = SqliteRegistryStore.Open(DatabasePath, clock);
        using var busy = BusyWriter.Hold(store);
        var writes = Enumerable.Range(0, 100).Select(i => store.WriteAsync(w =>
        {
            w.AppendAccess(new AccessEvent(0, clock.GetUtcNow(), null, "p" + i, null, "test", null, null, AccessOutcome.Ok, null));
            return i;
        })).ToList();
        Assert.DoesNotContain(writes, w => w.IsCompleted);

        await busy.ReleaseAsync();
        Assert.Equal(Enumerable.Range(0, 100), await Task.WhenAll(writes));
        Assert.Equal(2, store.Commits);
        Assert.Equal(100, (await store.ReadAsync(r => r.AccessLog(0, 1000))).Count);
    }

    [Fact]
    public async Task A_failing_unit_of_work_fails_alone()
    {
        await using var store = SqliteRegistryStore.Open(DatabasePath, clock);
        using var busy = BusyWriter.Hold(store);
        var good1 = store.WriteAsync(w => Append(w, "good-1"));
        var bad = store.WriteAsync<bool>(w =>
        {
            Append(w, "bad");
            throw new InvalidOperationException("refused");
        });
        var good2 = store.WriteAsync(w => Append(w, "good-2"));
        await busy.ReleaseAsync();

        await good1;
        await good2;
        await Assert.ThrowsAsync<InvalidOperationException>(() => bad);
        Assert.Equal(["good-1", "good-2"], (await store.ReadAsync(r => r.AccessLog(0, 10))).Select(e => e.Principal));
    }

    [Fact]
    public async Task Disposing_drains_every_queued_write_and_then_refuses_more()
    {
        var store = SqliteRegistryStore.Open(DatabasePath, clock);
        var writes = Enumerable.Range(0, 500).Select(i => store.WriteAsync(w => Append(w, "p" + i))).ToList();
        await store.DisposeAsync();
        Assert.All(writes, w => Assert.True(w.IsCompletedSuccessfully));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.WriteAsync(w => Append(w, "late")));

        await using var reopened = SqliteRegistryStore.Open(DatabasePath, clock);
        Assert.Equal(500, (await reopened.ReadAsync(r => r.AccessLog(0, 1000))).Count);
    }

    [Fact]
    public async Task A_write_cancelled_before_it_ran_is_not_written()
    {
        await using var store = SqliteRegistryStore.Open(DatabasePath, clock);
        using var cancel = new CancellationTokenSource();
        using var busy = BusyWriter.Hold(store);
        var cancelled = store.WriteAsync(w => Append(w, "cancelled"), cancel.Token);
        await cancel.CancelAsync();
        await busy.ReleaseAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Empty(await store.ReadAsync(r => r.AccessLog(0, 10)));
    }

    [Fact]
    public async Task A_read_cancelled_before_it_starts_does_not_run()
    {
        await using var store = SqliteRegistryStore.Open(DatabasePath, clock);
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        var ran = false;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.ReadAsync(r =>
        {
            ran = true;
            return r.AccessLog(0, 10);
        }, cancel.Token));
        Assert.False(ran);

        // The store is unharmed: the next read runs.
        Assert.Empty(await store.ReadAsync(r => r.AccessLog(0, 10)));
    }

    [Fact]
    public async Task A_failed_read_faults_its_task_and_the_next_read_runs()
    {
        await using var store = SqliteRegistryStore.Open(DatabasePath, clock);
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.ReadAsync<int>(_ => throw new InvalidOperationException("query failed")));
        Assert.Empty(await store.ReadAsync(r => r.AccessLog(0, 10)));
    }

    private bool Append(IRegistryWriter w, string who)
    {
        w.AppendAccess(new AccessEvent(0, clock.GetUtcNow(), null, who, null, "test", null, null, AccessOutcome.Ok, null));
        return true;
    }
}
