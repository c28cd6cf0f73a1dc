using Credence.Registry.Decisions;
using Credence.Registry.DueProcess;
using Credence.Registry.Storage;
using Credence.Storage.Tests.Fixture;

namespace Credence.Storage.Tests.Contract;

/// <summary>
/// Decisions inside the writer's group commit: a store may send a decision's row later than the unit
/// that inserted it (PostgreSQL sends a group's decisions in one batch before the commit), but no
/// unit may tell: a later unit of the same transaction sees the row, a refused row fails only its own
/// unit, and nothing is acknowledged before its row and ledger entry are committed.
/// </summary>
public abstract class DecisionUnits(StoreKind kind) : StoreContract(kind)
{
    [Fact]
    public async Task A_decision_is_seen_by_the_later_units_of_its_own_transaction()
    {
        var first = ReadModels.Decision(Ids.Bob, Start, Guid.CreateVersion7(Start));
        var second = ReadModels.Decision(Ids.Bob, Start.AddMinutes(1), Guid.CreateVersion7(Start.AddMinutes(1)), "airline");
        var (inserted, seen, commits) = await InOneTransactionAsync(
            w => { w.InsertDecision(first); return w.LastLedgerIndex; },
            w => (object?)(w.FindDecision(first.Id)?.Id, w.SubjectDecisions(Ids.Bob, 10).Select(d => d.Id).ToArray(), w.InsertDecisionMark(Mark(first)), w.FindDecisionMark(first.Id)?.Cause),
            w => { w.InsertDecision(second); return w.LastLedgerIndex; });

        // The holding unit, then one transaction with the three.
        Assert.Equal(2, commits);
        var (found, subjects, marked, cause) = ((Guid?, Guid[], bool, string?))seen!;
        Assert.Equal(first.Id, found);
        Assert.Equal([first.Id], subjects);
        Assert.True(marked);
        Assert.Equal("withdrawn", cause);

        Assert.Equal([second.Id, first.Id], (await ReadAsync(r => r.SubjectDecisions(Ids.Bob, 10))).Select(d => d.Id));
        Assert.Equal("withdrawn", (await ReadAsync(r => r.FindDecisionMark(first.Id)))!.Cause);

        // Each decision's ledger index, known to its unit, is the index its entry has once committed.
        Assert.Equal([(long)inserted[0]!, (long)inserted[1]!], await ReadAsync(r => new[] { r.Ledger.IndexOf(Credence.Registry.Ledger.EntryKind.Decision, first.Id.ToString("D")), r.Ledger.IndexOf(Credence.Registry.Ledger.EntryKind.Decision, second.Id.ToString("D")) }.Select(i => i ?? -1).ToArray()));
        Assert.Empty(Test.AuditLedger());
    }

    [Fact]
    public async Task A_refused_decision_fails_only_its_own_unit_of_a_shared_transaction()
    {
        var taken = ReadModels.Decision(Ids.Alice, Start, Guid.CreateVersion7(Start));
        await WriteAsync(w => w.InsertDecision(taken));

        var before = ReadModels.Decision(Ids.Bob, Start.AddMinutes(1), Guid.CreateVersion7(Start.AddMinutes(1)));
        var after = ReadModels.Decision(Ids.Bob, Start.AddMinutes(2), Guid.CreateVersion7(Start.AddMinutes(2)));
        await Test.CloseAsync();
        await using (var store = StoreFactory.Open(Kind, Test.Location, Wall))
        {
            using var running = new SemaphoreSlim(0);
            using var release = new SemaphoreSlim(0);
            var holding = store.WriteAsync(w =>
            {
                running.Release();
                release.Wait();
                return true;
            });
            await running.WaitAsync();
            var good1 = store.WriteAsync(w => { w.InsertDecision(before); return true; });

            // The same id again (another subject, another answer): the store refuses the row.
            var refused = store.WriteAsync(w => { w.InsertDecision(taken with { Subject = Ids.Bob, RelyingParty = "airline" }); return true; });
            var good2 = store.WriteAsync(w => { w.InsertDecision(after); return true; });
            release.Release();
            await holding;

            Assert.True(await good1);
            Assert.True(await good2);
            await Assert.ThrowsAnyAsync<Exception>(() => refused);
            Assert.Equal([after.Id, before.Id], (await store.ReadAsync(r => r.SubjectDecisions(Ids.Bob, 10))).Select(d => d.Id));
            Assert.Equal(Ids.Alice, (await store.ReadAsync(r => r.FindDecision(taken.Id)))!.Subject);
            Assert.Equal(3, await store.ReadAsync(r => r.Ledger.Size()));
        }

        Test.Open();
        Assert.Empty(Test.AuditLedger());
    }

    /// <summary>Runs the units in one transaction of their own (queued while a holding unit keeps the writer busy); their results, and the commits made.</summary>
    private async Task<(object?[] Inserted, object? Seen, long Commits)> InOneTransactionAsync(Func<IRegistryWriter, long> a, Func<IRegistryWriter, object?> b, Func<IRegistryWriter, long> c)
    {
        var commitsBefore = StoreFactory.Commits(Store);
        using var running = new SemaphoreSlim(0);
        using var release = new SemaphoreSlim(0);
        var holding = Store.WriteAsync(w =>
        {
            running.Release();
            release.Wait();
            return true;
        });
        await running.WaitAsync();
        var first = Store.WriteAsync(a);
        var seen = Store.WriteAsync(b);
        var last = Store.WriteAsync(c);
        release.Release();
        await holding;
        return ([await first, await last], await seen, StoreFactory.Commits(Store) - commitsBefore);
    }

    private static DecisionMark Mark(Decision decision) =>
        new(decision.Id, decision.Subject, decision.DecidedAt.AddDays(1), "withdrawn", decision.RelyingParty, true, ["court/R-1"]);
}
