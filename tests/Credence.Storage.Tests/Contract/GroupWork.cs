using System.Collections.Concurrent;
using Credence.Core.Intake;
using Credence.Registry.Intake;
using Credence.Registry.Storage;
using Credence.Storage.Tests.Fixture;

namespace Credence.Storage.Tests.Contract;

/// <summary>
/// Work a unit leaves for later (<see cref="IRegistryWriter.Deferred{T}"/>): the deferring units
/// committed together run it once, at the last one's instant, before any other unit and before the
/// commit; a unit that fails leaves none of it behind. And intake built on it: a subject reported by
/// several units of one transaction is re-scored once.
/// </summary>
public abstract class GroupWork(StoreKind kind) : RegistryContract(kind)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Clock.AutoAdvanceAmount = TimeSpan.FromMilliseconds(1);
    }

    [Fact]
    public async Task Deferring_units_committed_together_run_their_work_once_at_the_last_ones_instant()
    {
        var log = new ConcurrentQueue<string>();
        Task<DateTimeOffset>[] units;
        await using (var held = await HeldWriter.HoldAsync(Store))
        {
            units = [.. Enumerable.Range(1, 3).Select(i => Store.WriteDeferringAsync(w => Defer(w, log, "u" + i)))];
            await held.ReleaseAsync();
        }

        var instants = await Task.WhenAll(units);
        Assert.Equal(["u1", "u2", "u3", $"ran u1,u2,u3 at {instants[2]:O}"], log);
        Assert.True(instants[0] < instants[2]);
    }

    [Fact]
    public async Task Another_unit_queued_between_deferring_ones_runs_after_the_work_they_left_and_its_own_runs_right_after_it()
    {
        var log = new ConcurrentQueue<string>();
        Task<DateTimeOffset> first, between, own, last;
        await using (var held = await HeldWriter.HoldAsync(Store))
        {
            first = Store.WriteDeferringAsync(w => Defer(w, log, "d1"));
            between = Store.WriteAsync(w =>
            {
                log.Enqueue("plain");
                return w.Now;
            });
            own = Store.WriteAsync(w => Defer(w, log, "plain-deferring"));
            last = Store.WriteDeferringAsync(w => Defer(w, log, "d2"));
            await held.ReleaseAsync();
        }

        Assert.Equal(
            ["d1", $"ran d1 at {await first:O}", "plain", "plain-deferring", $"ran plain-deferring at {await own:O}", "d2", $"ran d2 at {await last:O}"],
            log);
        Assert.True(await first < await between);
    }

    [Fact]
    public async Task A_failing_deferring_unit_fails_alone_and_the_work_it_left_never_runs()
    {
        var log = new ConcurrentQueue<string>();
        Task<DateTimeOffset> good1, bad, good2;
        await using (var held = await HeldWriter.HoldAsync(Store))
        {
            good1 = Store.WriteDeferringAsync(w => Defer(w, log, "good-1"));
            bad = Store.WriteDeferringAsync<DateTimeOffset>(w =>
            {
                Defer(w, log, "bad");
                throw new InvalidOperationException("refused");
            });
            good2 = Store.WriteDeferringAsync(w => Defer(w, log, "good-2"));
            await held.ReleaseAsync();
        }

        Assert.Equal("refused", (await Assert.ThrowsAsync<InvalidOperationException>(() => bad)).Message);

        // The group ran once and rolled back; then each unit alone, with only its own work.
        Assert.Equal(
            ["good-1", "bad", "good-1", $"ran good-1 at {await good1:O}", "bad", "good-2", $"ran good-2 at {await good2:O}"],
            log);
    }

    [Fact]
    public async Task Work_left_for_later_that_fails_fails_only_the_units_whose_work_it_was()
    {
        Task<DateTimeOffset> failing;
        Task<DateTimeOffset> after;
        await using (var held = await HeldWriter.HoldAsync(Store))
        {
            failing = Store.WriteDeferringAsync(w =>
            {
                w.AppendAccess(Rows.Access("failing", w.Now));
                w.Deferred<Refusal>();
                return w.Now;
            });
            after = Store.WriteAsync(w =>
            {
                w.AppendAccess(Rows.Access("after", w.Now));
                return w.Now;
            });
            await held.ReleaseAsync();
        }

        await after;
        Assert.Equal("the work left for later failed", (await Assert.ThrowsAsync<InvalidOperationException>(() => failing)).Message);
        Assert.Equal(["after"], (await ReadAsync(r => r.AccessLog(0, 100))).Select(e => e.Principal).Where(p => p is "failing" or "after"));
        Assert.Empty(Test.AuditLedger());
    }

    [Fact]
    public async Task Deferring_units_queued_together_share_a_transaction_past_the_batch_size_and_other_units_still_close_it()
    {
        await Test.CloseAsync();
        await using (var store = StoreFactory.Open(Kind, Test.Location, Wall, new Credence.Registry.Ledger.LedgerBatching { BatchSize = 4, BatchInterval = TimeSpan.Zero }))
        {
            var log = new ConcurrentQueue<string>();
            var before = await store.ReadAsync(r => r.Ledger.Size());
            List<Task<DateTimeOffset>> writes;
            await using (var held = await HeldWriter.HoldAsync(store))
            {
                // Three deferring units of 5 entries each, a plain one of 5, then two deferring ones.
                writes = [.. Enumerable.Range(0, 6).Select(i => i == 3
                    ? store.WriteAsync(w => Entries(w, log, "plain" + i))
                    : store.WriteDeferringAsync(w => Entries(w, log, "d" + i)))];
                await held.ReleaseAsync();
            }

            var instants = await Task.WhenAll(writes);

            // The holding unit; d0-d2 together; the plain one (full at once); d4-d5 together.
            Assert.Equal(1 + 3, StoreFactory.Commits(store));
            Assert.Equal(
                ["d0", "d1", "d2", $"ran d0,d1,d2 at {instants[2]:O}", "plain3", "d4", "d5", $"ran d4,d5 at {instants[5]:O}"],
                log);
            Assert.Equal(before + 30, await store.ReadAsync(r => r.Ledger.Size()));
        }

        Test.Open();
        Assert.Empty(Test.AuditLedger());
    }

    [Fact]
    public async Task A_subject_reported_by_intake_units_committed_together_is_scored_once_as_of_the_last()
    {
        var court = await CourtAsync();
        var line = Lines.Defaulter(Ids.Bob, "Z-1");

        // Listed by the first unit, its record withdrawn by the second, in one transaction: no one ever
        // saw the listing, so none is stored and the subject is told of none.
        var fates = await SubmitTogetherAsync(court, null, line, Lines.Withdrawal(line));
        Assert.Equal([FateKind.Accepted, FateKind.Accepted], fates);
        var records = await ReadAsync(r => r.SubjectRecords(Rows.Subject(Ids.Bob)));
        Assert.Equal(2, records.Count);
        var state = (await ReadAsync(r => r.FindSubjectState(Ids.Bob)))!;
        Assert.Empty(state.Lists);
        Assert.Equal(records.Max(r => r.ReportedAt), state.EvaluatedAt);
        Assert.Empty(await ReadAsync(r => r.SubjectListings(Ids.Bob, openOnly: false)));

        // The same two units one after the other: the listing opened and ended, and stays as history.
        var other = Lines.Defaulter(Ids.Alice, "Z-2");
        (await Registry.Intake.SubmitAsync(court, other)).GetValueOrThrow();
        (await Registry.Intake.SubmitAsync(court, Lines.Withdrawal(other))).GetValueOrThrow();
        Assert.Single(await ReadAsync(r => r.SubjectListings(Ids.Alice, openOnly: false)));

        Assert.Empty((await Registry.State.CheckAsync(Operator)).GetValueOrThrow());
        Assert.Empty(Test.AuditLedger());
    }

    [Fact]
    public async Task A_unit_between_intake_units_sees_the_states_the_intake_before_it_left()
    {
        var court = await CourtAsync();
        var line = Lines.Defaulter(Ids.Bob, "Z-1");
        Task<(DateTimeOffset Now, SubjectState? State)>? between = null;
        var fates = await SubmitTogetherAsync(court, () => between = Store.WriteAsync(w => (w.Now, w.FindSubjectState(Ids.Bob))), line, Lines.Withdrawal(line));
        Assert.Equal([FateKind.Accepted, FateKind.Accepted], fates);
        var (now, seen) = await between!;
        var first = (await ReadAsync(r => r.FindRecordVersion(new("intermediate-court", "Z-1"), 1)))!;
        Assert.NotNull(seen);
        Assert.Equal(["court-defaulters"], seen.Lists.ToArray());
        Assert.Equal(first.ReportedAt, seen.EvaluatedAt);
        Assert.True(now > seen.EvaluatedAt);

        // The listing the unit between saw was real: it stays as history, ended by the withdrawal.
        Assert.Single(await ReadAsync(r => r.SubjectListings(Ids.Bob, openOnly: false)));
        Assert.Empty((await ReadAsync(r => r.FindSubjectState(Ids.Bob)))!.Lists);
        Assert.Empty((await Registry.State.CheckAsync(Operator)).GetValueOrThrow());
        Assert.Empty(Test.AuditLedger());
    }

    [Fact]
    public async Task A_failing_unit_among_intake_units_leaves_no_state_scored_from_its_rows()
    {
        var court = await CourtAsync();
        Task<bool>? failing = null;

        // Between two intake units, one that stores a performed judgment for Bob (which would delist
        // him) and a record for Alice, then fails.
        var fates = await SubmitTogetherAsync(court, () => failing = Store.WriteDeferringAsync<bool>(w =>
        {
            w.TryInsertRecord(Rows.Record(Ids.Bob, "intermediate-court", "P-1", reported: w.Now) with { Type = "judgment-performed" });
            w.TryInsertRecord(Rows.Record(Ids.Alice, "intermediate-court", "Z-9", reported: w.Now));
            throw new InvalidOperationException("refused");
        }), Lines.Defaulter(Ids.Bob, "Z-1"), Lines.Defaulter(Ids.Person(7), "Z-7"));

        Assert.Equal([FateKind.Accepted, FateKind.Accepted], fates);
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing!);

        Assert.Single(await ReadAsync(r => r.SubjectRecords(Rows.Subject(Ids.Bob))));
        Assert.Equal(["court-defaulters"], (await ReadAsync(r => r.FindSubjectState(Ids.Bob)))!.Lists.ToArray());
        Assert.Null(await ReadAsync(r => r.FindSubjectState(Ids.Alice)));
        Assert.Equal(["court-defaulters"], (await ReadAsync(r => r.FindSubjectState(Ids.Person(7))))!.Lists.ToArray());
        Assert.Empty((await Registry.State.CheckAsync(Operator)).GetValueOrThrow());
        Assert.Empty(Test.AuditLedger());
    }

    /// <summary>
    /// Submits one line a unit, in order, all queued while the writer is held so that they commit in
    /// one transaction, with <paramref name="between"/> (which may queue a unit) run between two
    /// units' queueing; returns each line's fate.
    /// </summary>
    private async Task<List<FateKind>> SubmitTogetherAsync(Credence.Registry.Access.Principal source, Action? between, params RecordLine[] lines)
    {
        var queued = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var results = new List<BatchResult>();
        Task<Credence.Registry.Outcome<long>> submitted;
        await using (var held = await HeldWriter.HoldAsync(Store))
        {
            submitted = Registry.Intake.SubmitInOrderAsync(source, Chunks(queued, between, lines), results.Add, inFlight: lines.Length);
            await queued.Task;
            await held.ReleaseAsync();
        }

        Assert.Equal(lines.Length, (await submitted).GetValueOrThrow());
        return [.. results.SelectMany(r => r.Fates).Select(f => f.Fate)];
    }

    /// <summary>The lines as chunks of one, <paramref name="between"/> run before each after the first; <paramref name="queued"/> is set once the last was queued.</summary>
    private static IEnumerable<IReadOnlyList<NumberedLine>> Chunks(TaskCompletionSource queued, Action? between, RecordLine[] lines)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                between?.Invoke();
            }

            yield return [new NumberedLine(1, lines[i], null)];
        }

        // Asked for the next chunk only after the last one was queued.
        queued.SetResult();
    }

    /// <summary>A unit of five ledgered rows that leaves a <see cref="Tally"/> when it was queued as deferring.</summary>
    private static DateTimeOffset Entries(IRegistryWriter w, ConcurrentQueue<string> log, string name)
    {
        for (var i = 0; i < 5; i++)
        {
            w.AppendAccess(Rows.Access(name, w.Now));
        }

        return name.StartsWith('d') ? Defer(w, log, name) : Note(log, name, w.Now);
    }

    private static DateTimeOffset Note(ConcurrentQueue<string> log, string name, DateTimeOffset now)
    {
        log.Enqueue(name);
        return now;
    }

    private static DateTimeOffset Defer(IRegistryWriter w, ConcurrentQueue<string> log, string name)
    {
        log.Enqueue(name);
        w.Deferred<Tally>().Add(name, log);
        return w.Now;
    }

    /// <summary>Work left for later that writes down which units left it and when it ran.</summary>
    public sealed class Tally : IGroupWork
    {
        private readonly List<string> names = [];
        private ConcurrentQueue<string>? log;

        public void Add(string name, ConcurrentQueue<string> into)
        {
            names.Add(name);
            log = into;
        }

        public void Run(IRegistryWriter writer) => log!.Enqueue($"ran {string.Join(',', names)} at {writer.Now:O}");
    }

    /// <summary>Work left for later that fails.</summary>
    public sealed class Refusal : IGroupWork
    {
        public void Run(IRegistryWriter writer) => throw new InvalidOperationException("the work left for later failed");
    }
}
