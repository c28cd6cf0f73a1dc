using Credence.Registry.Access;
using Credence.Registry.Ledger;
using Credence.Registry.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Credence.Registry.Tests.Ledger;

/// <summary>A unit that fails inside a group commit: the group rolls back, the tree in memory is rebuilt, the others commit with their entries.</summary>
public sealed class LedgerGroupCommitTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "credence-tests", Guid.NewGuid().ToString("N"));
    private readonly ManualClock clock = new(TestRegistry.Start);

    public LedgerGroupCommitTests() => Directory.CreateDirectory(folder);

    private string DatabasePath => Path.Combine(folder, "registry.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Each_unit_of_a_group_learns_the_index_its_entry_is_committed_at_even_when_the_group_is_retried()
    {
        await using var store = SqliteRegistryStore.Open(DatabasePath, clock);
        using var busy = BusyWriter.Hold(store);
        var writes = Enumerable.Range(0, 8).Select(i => store.WriteAsync(w =>
        {
            var id = w.AppendAccess(new AccessEvent(0, clock.GetUtcNow(), null, "p" + i, null, "test", null, null, AccessOutcome.Ok, null));
            return i == 3 ? throw new InvalidOperationException("unit 3 fails after its append") : (Id: id, Index: w.LastLedgerIndex);
        })).ToList();

        await busy.ReleaseAsync();
        var learned = new List<long>();
        foreach (var (write, i) in writes.Select((w, i) => (w, i)))
        {
            if (i == 3)
            {
                await Assert.ThrowsAsync<InvalidOperationException>(() => write);
                continue;
            }

            var (id, index) = await write;
            Assert.Equal(await store.ReadAsync(r => ((SqliteSession)r).LedgerIndexOf(EntryKind.AccessEvent, id.ToString(System.Globalization.CultureInfo.InvariantCulture))), index);
            learned.Add(index);
        }

        Assert.Equal(learned.Count, learned.Distinct().Count());
    }

    [Fact]
    public async Task A_failing_unit_in_a_group_leaves_the_others_and_the_ledger_consistent()
    {
        await using (var store = SqliteRegistryStore.Open(DatabasePath, clock))
        {
            using var busy = BusyWriter.Hold(store);
            var writes = Enumerable.Range(0, 10).Select(i => store.WriteAsync(w =>
            {
                w.AppendAccess(new AccessEvent(0, clock.GetUtcNow(), null, "p" + i, null, "test", null, null, AccessOutcome.Ok, null));
                return i == 4 ? throw new InvalidOperationException("unit 4 fails after its append") : i;
            })).ToList();

            await busy.ReleaseAsync();
            foreach (var (write, i) in writes.Select((w, i) => (w, i)))
            {
                if (i == 4)
                {
                    await Assert.ThrowsAsync<InvalidOperationException>(() => write);
                }
                else
                {
                    Assert.Equal(i, await write);
                }
            }

            Assert.Equal(9, (await store.ReadAsync(r => r.AccessLog(0, 100))).Count);
            Assert.Equal(9, await store.ReadAsync(r => ((SqliteSession)r).LedgerSize()));
        }

        var report = LedgerAudit.Run(DatabasePath, verifierKey: null);
        Assert.True(report.IsConsistent, string.Join('\n', report.Problems));
        Assert.Equal((9L, false), (report.Entries, report.SignaturesChecked));
    }
}
