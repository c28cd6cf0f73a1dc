using Credence.Registry.Access;

namespace Credence.Registry.Tests;

public class DecisionTests
{
    [Fact]
    public async Task The_seed_story_through_the_use_cases()
    {
        await using var t = await TestRegistry.CreateAsync();
        var court = await t.CourtAsync();
        var rail = await t.RelyingPartyAsync("china-railway", "ticket sales under the SPC rules on high consumption", "rail.g-train.ticket");

        Assert.True((await t.Registry.Decisions.DecideAsync(rail, Ids.Bob, "rail.g-train.ticket")).Value!.Allowed);

        await t.Registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Bob, "Z-1"));
        t.Clock.Advance(TimeSpan.FromMinutes(5));
        var denied = (await t.Registry.Decisions.DecideAsync(rail, Ids.Bob, "rail.g-train.ticket")).GetValueOrThrow();
        Assert.False(denied.Allowed);
        Assert.Equal("LISTED.court-defaulters", denied.Reasons[0].Code);
        Assert.Equal("intermediate-court/Z-1", Assert.Single(denied.Reasons[0].Records));
        Assert.InRange(denied.Reasons.Length, 1, 4);
        Assert.Equal("rongcheng-persons@2026.1", denied.PolicyVersion);

        t.Clock.Advance(TimeSpan.FromDays(3));
        await t.Registry.Intake.SubmitAsync(court, Lines.Performed(Ids.Bob, "Z-2", occurred: "2026-06-03T00:00:00Z"));
        t.Clock.Advance(TimeSpan.FromMinutes(5));
        var allowed = (await t.Registry.Decisions.DecideAsync(rail, Ids.Bob, "restrict-g-train")).GetValueOrThrow();
        Assert.True(allowed.Allowed);
        Assert.Empty(allowed.Reasons);

        var stored = await t.Registry.Store.ReadAsync(r => r.SubjectDecisions(Ids.Bob, 10));
        Assert.Equal([true, false, true], stored.Select(d => d.Allowed));
        var found = (await t.Registry.Store.ReadAsync(r => r.FindDecision(denied.Id)))!;
        Assert.Equal((denied.Allowed, denied.PolicyVersion, denied.DecidedAt, denied.Purpose), (found.Allowed, found.PolicyVersion, found.DecidedAt, found.Purpose));
        Assert.Equal(denied.Reasons.Select(r => r.Code), found.Reasons.Select(r => r.Code));
    }

    [Fact]
    public async Task A_benefit_not_granted_is_stored_and_read_back_with_its_answer_reasons_and_path_forward()
    {
        await using var t = await TestRegistry.CreateAsync();
        var bank = await t.SourceAsync("bank", "late-credit-card-payment");
        var bikes = await t.RelyingPartyAsync("bike-share", "deposit-free rental", "deposit-free-rental");
        var rail = await t.RelyingPartyAsync("china-railway", "tickets", "rail.g-train.ticket");
        await t.Registry.Intake.SubmitAsync(bank, Lines.LateCard(Ids.Bob, "C-1"));

        var answer = (await t.Registry.Decisions.DecideAsync(bikes, Ids.Bob, "deposit-free-rental")).GetValueOrThrow();
        Assert.Equal(Core.Explanations.DecisionAnswer.NotGranted, answer.Answer);
        Assert.Equal(["GRADE.BELOW.AA", "RECORD.late-credit-card-payment"], answer.Reasons.Select(r => r.Code));
        Assert.NotEmpty(answer.Forward);
        var found = (await t.Registry.Store.ReadAsync(r => r.FindDecision(answer.Id)))!;
        Assert.Equal((answer.Answer, answer.Forward.Length), (found.Answer, found.Forward.Length));
        Assert.Equal(answer.Forward.Select(f => (f.Code, f.At)), found.Forward.Select(f => (f.Code, f.At)));

        // An allowance stays the compact empty body; a decision stored before answers were told apart reads as it was given.
        var allowed = (await t.Registry.Decisions.DecideAsync(rail, Ids.Bob, "rail.g-train.ticket")).GetValueOrThrow();
        Assert.Equal("[]", Storage.Sqlite.StoredDecisionBody.Write(allowed));
        var legacy = Storage.Sqlite.StoredDecisionBody.Read(false, """[{"code":"LISTED.court-defaulters","text":"on the list","records":["court/Z-1"]}]""");
        Assert.Equal((Core.Explanations.DecisionAnswer.Denied, "LISTED.court-defaulters"), (legacy.Answer, legacy.Reasons.Single().Code));
        Assert.Equal(Core.Explanations.DecisionAnswer.Allowed, Storage.Sqlite.StoredDecisionBody.Read(true, "[]").Answer);
    }

    [Fact]
    public async Task A_decision_rests_on_exactly_the_state_its_ledger_entry_follows_even_within_one_commit()
    {
        await using var t = await TestRegistry.CreateAsync();
        var court = await t.CourtAsync();
        var rail = await t.RelyingPartyAsync("rail", "tickets", "rail.g-train.ticket");
        Task<Outcome<Intake.RecordFate>> record;
        Task<Outcome<Decisions.Decision>> decision;
        using (var busy = BusyWriter.Hold(t.Registry.Store))
        {
            // The record is queued before the question, so both commit in one group, in this order:
            // the answer must see the record, although it was not committed when the question came.
            record = t.Registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Bob, "Z-1"));
            decision = t.Registry.Decisions.DecideAsync(rail, Ids.Bob, "rail.g-train.ticket");
            Assert.False(decision.IsCompleted);
            await busy.ReleaseAsync();
        }

        Assert.Equal(Intake.FateKind.Accepted, (await record).GetValueOrThrow().Fate);
        var denied = (await decision).GetValueOrThrow();
        Assert.False(denied.Allowed);
        Assert.Equal("intermediate-court/Z-1", Assert.Single(denied.Reasons[0].Records));

        // And its ledger entry comes after the record's.
        var kinds = await t.Registry.Store.ReadAsync(r => Enumerable.Range(0, (int)denied.LedgerIndex!.Value + 1).Select(i => ((Storage.Sqlite.SqliteSession)r).LedgerEntryAt(i)!.Kind).ToList());
        Assert.Equal(Registry.Ledger.EntryKind.Decision, kinds[^1]);
        Assert.Contains(Registry.Ledger.EntryKind.RecordVersion, kinds[..^1]);
    }

    [Fact]
    public async Task Outcomes_keep_the_policy_version_that_produced_them()
    {
        await using var t = await TestRegistry.CreateAsync();
        var court = await t.CourtAsync();
        var rail = await t.RelyingPartyAsync("rail", "tickets", "rail.g-train.ticket");
        await t.Registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Bob, "Z-1"));
        var first = (await t.Registry.Decisions.DecideAsync(rail, Ids.Bob, "rail.g-train.ticket")).GetValueOrThrow();

        var v2 = await t.ActivateAsync("v2.yaml", PolicyTests.Version2, t.Clock.GetUtcNow().AddDays(1));
        t.Clock.Advance(TimeSpan.FromDays(1));
        var second = (await t.Registry.Decisions.DecideAsync(rail, Ids.Bob, "rail.g-train.ticket")).GetValueOrThrow();
        Assert.Equal(("rongcheng-persons@2026.1", v2), (first.PolicyVersion, second.PolicyVersion));

        var file = (await t.Registry.Subjects.ReadAsync(await t.RoleAsync(Role.Auditor, "auditor"), Ids.Bob, "audit")).GetValueOrThrow();
        Assert.Equal([v2, "rongcheng-persons@2026.1"], file.Decisions.Select(d => d.PolicyVersion));
        Assert.Equal((v2, 850), (file.Assessment!.PolicyVersion, file.Assessment.Score));

        var summary = await t.Registry.State.SummaryAsync();
        Assert.Equal(v2, Assert.Single(summary.Counts.Grades).PolicyTag);
        var listings = await t.Registry.Store.ReadAsync(r => r.SubjectListings(Ids.Bob, openOnly: false));
        Assert.Equal([("rongcheng-persons@2026.1", true), (v2, false)], listings.Select(l => (l.PolicyTag, l.EndedAt is not null)));
    }

    [Fact]
    public async Task Refusals_unknown_subjects_and_unknown_measures()
    {
        await using var t = await TestRegistry.CreateAsync();
        var rail = await t.RelyingPartyAsync("rail", "tickets", "rail.g-train.ticket");
        var court = await t.CourtAsync();

        Assert.Equal(ProblemTypes.Forbidden, (await t.Registry.Decisions.DecideAsync(court, Ids.Bob, "rail.g-train.ticket")).Problem!.Type);
        Assert.Equal(ProblemTypes.MeasureNotPermitted, (await t.Registry.Decisions.DecideAsync(rail, Ids.Bob, "air.ticket")).Problem!.Type);
        Assert.Equal(ProblemTypes.UnknownMeasure, (await t.Registry.Decisions.DecideAsync(rail, Ids.Bob, "space.travel")).Problem!.Type);
        Assert.Equal(ProblemTypes.InvalidIdentifier, (await t.Registry.Decisions.DecideAsync(rail, "12345", "rail.g-train.ticket")).Problem!.Type);
        Assert.Equal(ProblemTypes.MissingField, (await t.Registry.Decisions.DecideAsync(rail, Ids.Bob, null)).Problem!.Type);
        var forbidden = await t.Registry.Store.ReadAsync(r => r.SubjectAccess(Ids.Bob, 10));
        Assert.Equal(("rail", AccessOutcome.Forbidden), (forbidden[0].Principal, forbidden[0].Outcome));

        var unknown = (await t.Registry.Decisions.DecideAsync(rail, Ids.Carol, "rail.g-train.ticket")).GetValueOrThrow();
        Assert.True(unknown.Allowed);
        Assert.Equal(ProblemTypes.NotFound, (await t.Registry.Decisions.FindAsync(await t.RelyingPartyAsync("hotel", "stays", "hotel.star-rated"), unknown.Id)).Problem!.Type);
        Assert.Equal(unknown.Id, (await t.Registry.Decisions.FindAsync(rail, unknown.Id)).Value!.Id);
    }
}
