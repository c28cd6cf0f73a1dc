using Credence.Core.Intake;
using Credence.Registry.Access;
using Credence.Registry.Intake;
using Credence.Registry.Storage.Sqlite;

namespace Credence.Registry.Tests;

public class IntakeInOrderTests
{
    [Fact]
    public async Task Chunks_queued_together_commit_as_one_group_in_their_order_and_each_result_comes_back_in_order()
    {
        await using var t = await TestRegistry.CreateAsync();
        var court = await t.CourtAsync();
        var line = Lines.Defaulter(Ids.Bob, "Z-1");
        var chunks = new[]
        {
            NumberedLine.All([line, Lines.Defaulter(Ids.Alice, "Z-2")]),
            NumberedLine.All([Lines.Correction(line) with { LegalBasis = "corrected basis" }]),
            NumberedLine.All([Lines.Withdrawal(line, version: 3)]),
            NumberedLine.All([Lines.Defaulter(Ids.Alice, "Z-2"), Lines.Correction(line, version: 4), Lines.Defaulter(Ids.Bob, "x") with { Type = "jaywalking" }]),
        };

        var store = (SqliteRegistryStore)t.Registry.Store;
        var results = new List<BatchResult>();
        Task<Outcome<long>> submitted;
        using (var busy = BusyWriter.Hold(store))
        {
            // The first await inside is the oldest chunk's commit, so all four are queued when this returns.
            submitted = t.Registry.Intake.SubmitInOrderAsync(court, chunks, results.Add, inFlight: 4);
            Assert.False(submitted.IsCompleted);
            var before = store.Commits;
            await busy.ReleaseAsync();
            Assert.Equal(7L, (await submitted).GetValueOrThrow());
            Assert.Equal(before + 2, store.Commits);
        }

        Assert.Equal(
            [[FateKind.Accepted, FateKind.Accepted], [FateKind.Accepted], [FateKind.Accepted], [FateKind.Duplicate, FateKind.Rejected, FateKind.Rejected]],
            results.Select(r => r.Fates.Select(f => f.Fate).ToArray()).ToArray());
        Assert.Equal(ProblemTypes.Conflict, results[3].Fates[1].Problem!.Type);
        Assert.Equal(ProblemTypes.UnknownRecordType, results[3].Fates[2].Problem!.Type);
        Assert.Equal(4, (await t.Registry.Store.ReadAsync(r => r.Counts(t.Clock.GetUtcNow()))).RecordVersions);
    }

    [Fact]
    public async Task With_one_in_flight_each_chunk_is_durable_before_the_next_is_checked()
    {
        await using var t = await TestRegistry.CreateAsync();
        var court = await t.CourtAsync();
        var seen = new List<Task<Storage.RegistryCounts>>();
        var chunks = Enumerable.Range(0, 5).Select(i => NumberedLine.All([Lines.Defaulter(Ids.Bob, "Z-" + i)]));

        // The callback cannot await; the SQLite store runs a read when it is called, so each task holds the counts as they were then.
        var outcome = await t.Registry.Intake.SubmitInOrderAsync(court, chunks, _ => seen.Add(t.Registry.Store.ReadAsync(r => r.Counts(t.Clock.GetUtcNow()))), inFlight: 1);

        Assert.Equal(5L, outcome.GetValueOrThrow());
        Assert.Equal([1L, 2L, 3L, 4L, 5L], (await Task.WhenAll(seen)).Select(c => c.RecordVersions));
    }

    [Fact]
    public async Task A_key_that_is_not_a_source_is_refused_and_nothing_is_stored_or_reported()
    {
        await using var t = await TestRegistry.CreateAsync();
        var railway = await t.RelyingPartyAsync("railway", "selling tickets", "rail.g-train.ticket");
        var results = new List<BatchResult>();
        var outcome = await t.Registry.Intake.SubmitInOrderAsync(railway, [NumberedLine.All([Lines.Defaulter(Ids.Bob, "Z-1")])], results.Add);

        Assert.Equal(ProblemTypes.Forbidden, outcome.Problem!.Type);
        Assert.Empty(results);
        Assert.Equal(0, (await t.Registry.Store.ReadAsync(r => r.Counts(t.Clock.GetUtcNow()))).RecordVersions);
    }

    [Fact]
    public async Task Fewer_than_one_chunk_in_flight_is_a_programming_error()
    {
        await using var t = await TestRegistry.CreateAsync();
        var court = await t.CourtAsync();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => t.Registry.Intake.SubmitInOrderAsync(court, [], _ => { }, inFlight: 0));
    }
}
