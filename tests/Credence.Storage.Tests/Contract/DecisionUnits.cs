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
            await using var held = await HeldWriter.HoldAsync(store);
            var good1 = store.WriteAsync(w => { w.InsertDecision(before); return true; });

            // The same id again (another subject, another answer): the store refuses the row.
            var refused = store.WriteAsync(w => { w.InsertDecision(taken with { Subject = Ids.Bob, RelyingParty = "airline" }); return true; });
            var good2 = store.WriteAsync(w => { w.InsertDecision(after); return true; });
            await held.ReleaseAsync();

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

    [Fact]
    public async Task A_decision_queued_behind_a_unit_that_changed_its_subjects_file_sees_the_change()
    {
        var bob = Rows.Subject(Ids.Bob);
        var alice = Rows.Subject(Ids.Alice);
        await WriteAsync(w => w.TryInsertRecord(Rows.Record(Ids.Bob, "court", "R-1")));
        var commitsBefore = StoreFactory.Commits(Store);
        await using var held = await HeldWriter.HoldAsync(Store);

        // Decisions (units that only read a file) around units that change Bob's: a dispute, a
        // granted repair, a record, a consent. A store that read the decisions' files ahead must not
        // answer a later one from what it read before a change.
        var before = Store.WriteAsync(bob, w => Seen(w, bob));
        var aliceFirst = Store.WriteAsync(alice, w => Seen(w, alice));
        var disputed = Store.WriteAsync(w => { w.InsertDispute(Rows.Dispute("d-1", Ids.Bob, "court", w.Now, w.Now.AddDays(30))); return true; });
        var afterDispute = Store.WriteAsync(bob, w => Seen(w, bob));
        var repaired = Store.WriteAsync(w => { w.InsertRepair(Rows.Repair("r-1", Ids.Bob, w.Now, null)); return w.GrantRepair("r-1", w.Now); });
        var afterRepair = Store.WriteAsync(bob, w => Seen(w, bob));
        var recorded = Store.WriteAsync(w => w.TryInsertRecord(Rows.Record(Ids.Bob, "court", "R-2")));
        var consented = Store.WriteAsync(w => w.InsertConsent(new Registry.Consent.ConsentChange(0, Ids.Bob, true, Start.AddDays(-1), "subject")));
        var afterBoth = Store.WriteAsync(bob, w => Seen(w, bob));
        var aliceLast = Store.WriteAsync(alice, w => Seen(w, alice));
        await held.ReleaseAsync();
        Assert.True(await disputed);
        Assert.True(await repaired);
        Assert.True(await recorded);
        await consented;

        Assert.Equal((1, 0, 0, false), await before);
        Assert.Equal((1, 1, 0, false), await afterDispute);
        Assert.Equal((1, 1, 1, false), await afterRepair);
        Assert.Equal((2, 1, 1, true), await afterBoth);
        Assert.Equal((0, 0, 0, false), await aliceFirst);
        Assert.Equal((0, 0, 0, false), await aliceLast);

        // The holding unit, then the ten in one transaction: they were read ahead together, not each alone.
        Assert.Equal(2, StoreFactory.Commits(Store) - commitsBefore);
        Assert.Empty(Test.AuditLedger());
    }

    [Fact]
    public async Task A_decision_that_holds_its_file_still_reads_it_exactly_when_it_asks_among_decisions_read_ahead()
    {
        var bob = Rows.Subject(Ids.Bob);
        var alice = Rows.Subject(Ids.Alice);
        await WriteAsync(w => w.TryInsertRecord(Rows.Record(Ids.Bob, "court", "R-1")));
        var commitsBefore = StoreFactory.Commits(Store);
        await using var held = await HeldWriter.HoldAsync(Store);

        // A holding unit reads nothing ahead (its subject's grain has the file) but may still ask for the file
        // (a dispute's deadline came): it is answered exactly, before and after a change, and the decisions
        // around it that were read ahead are answered as ever.
        var aliceFirst = Store.WriteAsync(alice, w => Seen(w, alice));
        var holding = Store.WriteHoldingAsync(bob, w => Seen(w, bob));
        var reading = Store.WriteAsync(bob, w => Seen(w, bob));
        var holdingAgain = Store.WriteHoldingAsync(alice, w => Seen(w, alice));
        var recorded = Store.WriteAsync(w => w.TryInsertRecord(Rows.Record(Ids.Bob, "court", "R-2")));
        var holdingAfter = Store.WriteHoldingAsync(bob, w => Seen(w, bob));
        var readingAfter = Store.WriteAsync(bob, w => Seen(w, bob));
        await held.ReleaseAsync();
        Assert.True(await recorded);

        Assert.Equal((0, 0, 0, false), await aliceFirst);
        Assert.Equal((1, 0, 0, false), await holding);
        Assert.Equal((1, 0, 0, false), await reading);
        Assert.Equal((0, 0, 0, false), await holdingAgain);
        Assert.Equal((2, 0, 0, false), await holdingAfter);
        Assert.Equal((2, 0, 0, false), await readingAfter);
        Assert.Equal(2, StoreFactory.Commits(Store) - commitsBefore);
        Assert.Empty(Test.AuditLedger());
    }

    /// <summary>What a unit sees of a subject's file: records, disputes, granted repairs, and consent now.</summary>
    private static (int Records, int Disputes, int Repairs, bool Consent) Seen(IRegistryWriter w, Credence.Core.Identifiers.SubjectId subject)
    {
        var rows = w.SubjectCase(subject);
        return (rows.Records.Count, rows.Disputes.Count, rows.Repairs.Count, w.ConsentAt(subject.Value, w.Now));
    }

    /// <summary>Runs the units in one transaction of their own (queued while a holding unit keeps the writer busy); their results, and the commits made.</summary>
    private async Task<(object?[] Inserted, object? Seen, long Commits)> InOneTransactionAsync(Func<IRegistryWriter, long> a, Func<IRegistryWriter, object?> b, Func<IRegistryWriter, long> c)
    {
        var commitsBefore = StoreFactory.Commits(Store);
        await using var held = await HeldWriter.HoldAsync(Store);
        var first = Store.WriteAsync(a);
        var seen = Store.WriteAsync(b);
        var last = Store.WriteAsync(c);
        await held.ReleaseAsync();
        return ([await first, await last], await seen, StoreFactory.Commits(Store) - commitsBefore);
    }

    private static DecisionMark Mark(Decision decision) =>
        new(decision.Id, decision.Subject, decision.DecidedAt.AddDays(1), "withdrawn", decision.RelyingParty, true, ["court/R-1"]);
}
