using System.Globalization;
using Credence.Registry.Access;
using Credence.Registry.Ledger;
using Credence.Registry.Storage;
using Credence.Registry.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Credence.Registry.Tests.Ledger;

/// <summary>
/// The writer as the ledger's sequencer: batches of at most BatchSize entries, each committed with its
/// rows before any of its writes is acknowledged, and a failed batch failing only the write at fault.
/// </summary>
/// <remarks>The interval is zero here, so which units share a batch depends on the queue alone, never on timing.</remarks>
public sealed class LedgerBatchingTests : IDisposable
{
    private static readonly LedgerBatching FourAtOnce = new() { BatchSize = 4, BatchInterval = TimeSpan.Zero };

    private readonly string folder = Path.Combine(Path.GetTempPath(), "credence-tests", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider clock = new(TestRegistry.Start);

    public LedgerBatchingTests() => Directory.CreateDirectory(folder);

    private string DatabasePath => Path.Combine(folder, "registry.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Queued_writes_are_committed_in_batches_of_at_most_the_batch_size()
    {
        await using (var store = SqliteRegistryStore.Open(DatabasePath, clock, FourAtOnce))
        {
            var writes = await QueuedAsync(store, 10, _ => false);
            Assert.All(writes, w => Assert.True(w.IsCompletedSuccessfully));

            // The holding unit, then 4 + 4 + 2.
            Assert.Equal(1 + 3, store.Commits);
            Assert.Equal(10, await store.ReadAsync(r => r.Ledger.Size()));
        }

        await AssertConsistentAsync(10);
    }

    [Fact]
    public async Task A_failed_batch_fails_only_the_write_at_fault_and_no_write_of_another_batch()
    {
        await using (var store = SqliteRegistryStore.Open(DatabasePath, clock, FourAtOnce))
        {
            // The ledger refuses p5's entry when its batch is flushed, after every unit of the batch ran.
            using (var c = Connect())
            {
                Exec(c, "CREATE TRIGGER refuse_p5 BEFORE INSERT ON ledger_entries WHEN NEW.row_key IN (SELECT CAST(id AS TEXT) FROM access_log WHERE principal = 'p5') BEGIN SELECT RAISE(ABORT, 'no room for p5'); END");
            }

            var writes = await QueuedAsync(store, 12, _ => false);
            for (var i = 0; i < writes.Count; i++)
            {
                if (i == 5)
                {
                    var failed = await Assert.ThrowsAsync<LedgerUnavailableException>(() => writes[i]);
                    Assert.Contains("no room for p5", failed.Message, StringComparison.Ordinal);
                    continue;
                }

                var (id, index) = await writes[i];
                Assert.Equal(index, await store.ReadAsync(r => r.Ledger.IndexOf(EntryKind.AccessEvent, id.ToString(CultureInfo.InvariantCulture))));
            }

            // The holding unit; p0-p3 as one batch; p4-p7 failed as a batch and ran again alone (p5 failing); p8-p11 as one batch.
            Assert.Equal(1 + 1 + 3 + 1, store.Commits);
            Assert.DoesNotContain(await store.ReadAsync(r => r.AccessLog(0, 100)), e => e.Principal == "p5");
            Assert.Equal(11, await store.ReadAsync(r => r.Ledger.Size()));
        }

        await AssertConsistentAsync(11);
    }

    [Fact]
    public async Task A_unit_whose_own_work_fails_fails_alone_in_its_batch()
    {
        await using (var store = SqliteRegistryStore.Open(DatabasePath, clock, FourAtOnce))
        {
            var writes = await QueuedAsync(store, 8, i => i == 6);
            await Assert.ThrowsAsync<InvalidOperationException>(() => writes[6]);
            Assert.Equal(7, writes.Count(w => w.IsCompletedSuccessfully));
            Assert.Equal(1 + 1 + 3, store.Commits);
        }

        await AssertConsistentAsync(7);
    }

    [Fact]
    public async Task A_unit_with_more_entries_than_a_batch_is_never_split()
    {
        await using (var store = SqliteRegistryStore.Open(DatabasePath, clock, FourAtOnce))
        {
            using var busy = BusyWriter.Hold(store);
            var big = store.WriteAsync(w =>
            {
                for (var i = 0; i < 10; i++)
                {
                    w.AppendAccess(new AccessEvent(0, w.Now, null, "big" + i, null, "test", null, null, AccessOutcome.Ok, null));
                }

                return w.LastLedgerIndex;
            });
            var after = store.WriteAsync(w => w.AppendAccess(new AccessEvent(0, w.Now, null, "after", null, "test", null, null, AccessOutcome.Ok, null)));
            await busy.ReleaseAsync();
            Assert.Equal(9, await big);
            await after;

            // The holding unit, the big unit alone (10 entries in runs of 4), then the next.
            Assert.Equal(1 + 1 + 1, store.Commits);
        }

        await AssertConsistentAsync(11);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(-1, 0)]
    [InlineData(65_537, 0)]
    [InlineData(256, -1)]
    [InlineData(256, 1001)]
    public void Batching_out_of_range_is_refused_naming_its_key(int size, int milliseconds)
    {
        var batching = new LedgerBatching { BatchSize = size, BatchInterval = TimeSpan.FromMilliseconds(milliseconds) };
        var refused = Assert.Throws<ArgumentException>(() => SqliteRegistryStore.Open(DatabasePath, clock, batching));
        Assert.StartsWith("Credence:Ledger:Batch", refused.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(DatabasePath));
    }

    [Fact]
    public void The_defaults_are_256_entries_and_2_ms() =>
        Assert.Equal((256, TimeSpan.FromMilliseconds(2)), (LedgerBatching.Default.BatchSize, LedgerBatching.Default.BatchInterval));

    /// <summary>Queues <paramref name="count"/> one-entry writes behind a held writer and releases it; each returns its event id and ledger index.</summary>
    private static async Task<List<Task<(long Id, long Index)>>> QueuedAsync(SqliteRegistryStore store, int count, Func<int, bool> throwsAfterAppend)
    {
        using var busy = BusyWriter.Hold(store);
        var writes = Enumerable.Range(0, count).Select(i => store.WriteAsync(w =>
        {
            var id = w.AppendAccess(new AccessEvent(0, w.Now, null, "p" + i, null, "test", null, null, AccessOutcome.Ok, null));
            return throwsAfterAppend(i) ? throw new InvalidOperationException($"unit {i} fails after its append") : (id, w.LastLedgerIndex);
        })).ToList();
        Assert.DoesNotContain(writes, w => w.IsCompleted);
        await busy.ReleaseAsync();
        await Task.WhenAll(writes.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default)));
        return writes;
    }

    private async Task AssertConsistentAsync(long entries)
    {
        var report = await LedgerAudit.RunAsync(StoreChoice.File(DatabasePath), verifierKey: null);
        Assert.True(report.IsConsistent, string.Join('\n', report.Problems));
        Assert.Equal(entries, report.Entries);
    }

    private SqliteConnection Connect()
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        c.Open();
        return c;
    }

    private static void Exec(SqliteConnection c, string sql)
    {
        using var command = c.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
