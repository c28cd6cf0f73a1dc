using Credence.Registry.Storage;
using Credence.Storage.Tests.Fixture;

namespace Credence.Storage.Tests.Contract;

/// <summary>
/// Units of work through the contract: each commits whole or not at all, alone when another fails,
/// in the order queued, with an instant (<see cref="IRegistryWriter.Now"/>) that never goes back,
/// and is acknowledged only once every read sees it.
/// </summary>
public abstract class UnitsOfWork(StoreKind kind) : StoreContract(kind)
{
    [Fact]
    public async Task Units_queued_together_run_in_the_order_queued_and_their_instants_never_go_back()
    {
        // The clock jumps back and forth while the units are queued: the order is still the queue's
        // and each unit's instant is at least its predecessor's.
        var writes = new List<Task<DateTimeOffset>>();
        for (var i = 0; i < 300; i++)
        {
            Wall.Set(Start.AddSeconds(i % 7 == 0 ? -i : i));
            var who = "p" + i;
            writes.Add(Store.WriteAsync(w =>
            {
                w.AppendAccess(Rows.Access(who, w.Now));
                return w.Now;
            }));
        }

        var instants = await Task.WhenAll(writes);
        var log = await ReadAsync(r => r.AccessLog(0, 1000));
        Assert.Equal(Enumerable.Range(0, 300).Select(i => "p" + i), log.Select(e => e.Principal));
        Assert.Equal(log.Select(e => e.Id).Order(), log.Select(e => e.Id));
        for (var i = 1; i < instants.Length; i++)
        {
            Assert.True(instants[i] >= instants[i - 1], $"unit {i} ran at {instants[i]:O}, before unit {i - 1} at {instants[i - 1]:O}");
        }

        Assert.Equal(instants, log.Select(e => e.At));
    }

    [Fact]
    public async Task A_units_instant_follows_the_clock_forward_but_never_back_behind_a_committed_unit()
    {
        Wall.Set(Start.AddHours(1));
        var first = await WriteAsync(w => w.Now);
        Wall.Set(Start);
        var second = await WriteAsync(w => w.Now);
        Wall.Set(Start.AddHours(2).AddTicks(1));
        var third = await WriteAsync(w => w.Now);

        Assert.Equal(Start.AddHours(1), first);
        Assert.Equal(first, second);
        Assert.Equal(Start.AddHours(2).AddTicks(1), third);
        Assert.Equal(TimeSpan.Zero, third.Offset);
    }

    /// <remarks>Virtual so that a store known to break it can skip it, saying why, in its subclass (see OnSqlite.cs).</remarks>
    [Fact]
    public virtual async Task After_a_restart_a_units_instant_is_still_not_before_one_committed_before_it()
    {
        // The machine's clock was set back while the registry was down.
        Wall.Set(Start.AddHours(1));
        var before = await WriteAsync(w => w.Now);
        await Test.ReopenAsync();
        Wall.Set(Start);
        var after = await WriteAsync(w => w.Now);
        Assert.True(after >= before, $"a unit ran at {after:O} after a restart, before the unit committed at {before:O}");
    }

    [Fact]
    public async Task Two_processes_writing_to_one_store_keep_one_order_of_instants_and_one_ledger()
    {
        // A second store open on the same location stands for a second process (an import beside
        // the server, or a second node): its units and this one's are still in one order.
        await using var other = StoreFactory.Open(Kind, Test.Location, Wall);
        Clock.AutoAdvanceAmount = TimeSpan.FromMilliseconds(1);
        var writes = Enumerable.Range(0, 200).Select(i => Task.Run(() => (i % 2 == 0 ? Store : other).WriteAsync(w =>
        {
            w.AppendAccess(Rows.Access("p" + i, w.Now, Ids.Bob));
            w.TryInsertRecord(Rows.Record(Ids.Bob, "court", "Z-" + i, reported: w.Now));
            return w.Now;
        }))).ToList();
        await Task.WhenAll(writes);

        var log = await ReadAsync(r => r.AccessLog(0, 1000));
        Assert.Equal(200, log.Count);
        for (var i = 1; i < log.Count; i++)
        {
            Assert.True(log[i].At >= log[i - 1].At, $"{log[i].Principal} committed after {log[i - 1].Principal} with an earlier instant ({log[i].At:O} < {log[i - 1].At:O})");
        }

        Assert.Equal(200, (await other.ReadAsync(r => r.SubjectRecords(Rows.Subject(Ids.Bob)))).Count);
        Assert.Empty(Test.AuditLedger());
    }

    /// <remarks>Virtual for the same reason as the test above.</remarks>
    [Fact]
    public virtual async Task Two_processes_with_different_clocks_never_take_an_instant_before_one_the_other_committed()
    {
        // A second process whose clock is an hour behind this one's.
        var behind = new SteppedClock(Clock) { Step = TimeSpan.FromHours(-1) };
        await using var other = StoreFactory.Open(Kind, Test.Location, behind);
        var first = await WriteAsync(w =>
        {
            w.AppendAccess(Rows.Access("ahead", w.Now));
            return w.Now;
        });
        var second = await other.WriteAsync(w =>
        {
            w.AppendAccess(Rows.Access("behind", w.Now));
            return w.Now;
        });
        Assert.True(second >= first, $"a unit ran at {second:O}, before the unit committed at {first:O} by the other process");
    }

    [Fact]
    public async Task A_units_instant_is_taken_when_it_runs_not_when_it_was_asked_for()
    {
        // A unit built by a caller that read the clock long ago still gets the instant of its turn.
        var staleCallerInstant = Clock.GetUtcNow();
        Clock.Advance(TimeSpan.FromMinutes(5));
        var now = await WriteAsync(w => w.Now);
        Assert.Equal(staleCallerInstant.AddMinutes(5), now);
    }

    [Fact]
    public async Task A_failing_unit_fails_alone_and_leaves_nothing_behind()
    {
        var good1 = Store.WriteAsync(w => Append(w, "good-1"));
        var bad = Store.WriteAsync<bool>(w =>
        {
            Append(w, "bad");
            w.TryInsertRecord(Rows.Record(Ids.Bob, "court", "BAD-1"));
            throw new InvalidOperationException("refused");
        });
        var good2 = Store.WriteAsync(w => Append(w, "good-2"));

        await good1;
        await good2;
        Assert.Equal("refused", (await Assert.ThrowsAsync<InvalidOperationException>(() => bad)).Message);
        Assert.Equal(["good-1", "good-2"], (await ReadAsync(r => r.AccessLog(0, 10))).Select(e => e.Principal));
        Assert.Empty(await ReadAsync(r => r.SubjectRecords(Rows.Subject(Ids.Bob))));
        Assert.Empty(Test.AuditLedger());
    }

    [Fact]
    public async Task Many_failing_units_among_good_ones_fail_alone()
    {
        var writes = Enumerable.Range(0, 100).Select(i => Store.WriteAsync(w =>
        {
            Append(w, "p" + i);
            return i % 3 == 0 ? throw new InvalidOperationException("unit " + i) : i;
        })).ToList();

        for (var i = 0; i < writes.Count; i++)
        {
            if (i % 3 == 0)
            {
                Assert.Equal("unit " + i, (await Assert.ThrowsAsync<InvalidOperationException>(() => writes[i])).Message);
            }
            else
            {
                Assert.Equal(i, await writes[i]);
            }
        }

        Assert.Equal(Enumerable.Range(0, 100).Where(i => i % 3 != 0).Select(i => "p" + i), (await ReadAsync(r => r.AccessLog(0, 1000))).Select(e => e.Principal));
        Assert.Empty(Test.AuditLedger());
    }

    [Fact]
    public async Task A_unit_cancelled_before_it_runs_is_not_written()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        var ran = false;
        var cancelled = Store.WriteAsync(
            w =>
            {
                ran = true;
                return Append(w, "cancelled");
            },
            cancel.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        await WriteAsync(w => Append(w, "after"));
        Assert.False(ran);
        Assert.Equal(["after"], (await ReadAsync(r => r.AccessLog(0, 10))).Select(e => e.Principal));
    }

    [Fact]
    public async Task Closing_drains_every_queued_unit_then_refuses_more_and_a_reopened_store_has_them_all()
    {
        var writes = Enumerable.Range(0, 500).Select(i => Store.WriteAsync(w => Append(w, "p" + i))).ToList();
        await Test.CloseAsync();
        Assert.All(writes, w => Assert.True(w.IsCompletedSuccessfully));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => Store.WriteAsync(w => Append(w, "late")));

        Test.Open();
        Assert.Equal(Enumerable.Range(0, 500).Select(i => "p" + i), (await ReadAsync(r => r.AccessLog(0, 1000))).Select(e => e.Principal));
        Assert.Empty(Test.AuditLedger());
    }

    [Fact]
    public async Task An_acknowledged_unit_is_seen_by_the_next_read()
    {
        for (var i = 0; i < 50; i++)
        {
            var id = await WriteAsync(w => w.AppendAccess(Rows.Access("p" + i, w.Now)));
            Assert.Equal("p" + i, (await ReadAsync(r => r.AccessLog(id - 1, 1))).Single().Principal);
        }
    }

    [Fact]
    public async Task One_read_sees_one_snapshot_even_when_a_unit_commits_in_between()
    {
        await WriteAsync(w => Append(w, "first"));
        var (before, after) = await ReadAsync(r =>
        {
            var first = r.AccessLog(0, 100).Count;
            Store.WriteAsync(w => Append(w, "second")).GetAwaiter().GetResult();
            return (first, r.AccessLog(0, 100).Count);
        });
        Assert.Equal((1, 1), (before, after));
        Assert.Equal(2, (await ReadAsync(r => r.AccessLog(0, 100))).Count);
    }

    [Fact]
    public async Task Ledger_entries_are_numbered_without_gaps_in_commit_order()
    {
        var indices = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Store.WriteAsync(w =>
        {
            w.AppendAccess(Rows.Access("p" + i, w.Now));
            var a = w.LastLedgerIndex;
            w.TryInsertRecord(Rows.Record(Ids.Bob, "court", "Z-" + i));
            return (a, w.LastLedgerIndex);
        })));

        Assert.Equal(Enumerable.Range(0, 200).Select(i => (long)i), indices.SelectMany(p => new[] { p.a, p.Item2 }));
        Assert.Empty(Test.AuditLedger());
    }

    [Fact]
    public async Task Queued_units_are_committed_in_batches_of_at_most_the_configured_number_of_entries()
    {
        // Credence:Ledger:BatchSize closes a transaction once it holds that many entries; no interval,
        // so which units share one depends on the queue alone.
        await Test.CloseAsync();
        await using (var store = StoreFactory.Open(Kind, Test.Location, Wall, new Credence.Registry.Ledger.LedgerBatching { BatchSize = 4, BatchInterval = TimeSpan.Zero }))
        {
            using var running = new SemaphoreSlim(0);
            using var release = new SemaphoreSlim(0);
            var holding = store.WriteAsync(w =>
            {
                running.Release();
                release.Wait();
                return Append(w, "holding");
            });
            await running.WaitAsync();
            var writes = Enumerable.Range(0, 10).Select(i => store.WriteAsync(w => w.AppendAccess(Rows.Access("p" + i, w.Now)))).ToList();
            release.Release();
            await holding;
            await Task.WhenAll(writes);

            // The holding unit, then 4 + 4 + 2.
            Assert.Equal(1 + 3, StoreFactory.Commits(store));
            Assert.Equal(11, await store.ReadAsync(r => r.Ledger.Size()));
        }

        Test.Open();
        Assert.Empty(Test.AuditLedger());
    }

    [Fact]
    public async Task A_checkpoint_is_stamped_with_its_units_instant_never_before_a_unit_committed_before_it()
    {
        // The machine's clock is set back after a unit committed: the checkpoint's instant still follows commit order.
        Wall.Set(Start.AddHours(1));
        var committed = await WriteAsync(w =>
        {
            w.AppendAccess(Rows.Access("p", w.Now));
            return w.Now;
        });
        Wall.Set(Start);
        var key = Credence.Ledger.Checkpoints.CheckpointSigner.GenerateKey("credence/test");
        using var signer = Credence.Ledger.Checkpoints.CheckpointSigner.FromPrivateKey(key.PrivateKey);
        var ledger = new Credence.Registry.Ledger.LedgerService(Store, Wall, signer, "credence/test", TimeSpan.FromMinutes(1), new Credence.Registry.Access.AccessRecorder(Store, Wall));

        var checkpoint = await ledger.SignAsync();

        Assert.Equal(committed, checkpoint.SignedAt);
        Assert.Equal(committed, (await ReadAsync(r => r.Ledger.NewestCheckpoint()))!.SignedAt);
    }

    private static bool Append(IRegistryWriter w, string who)
    {
        w.AppendAccess(Rows.Access(who, w.Now));
        return true;
    }
}
