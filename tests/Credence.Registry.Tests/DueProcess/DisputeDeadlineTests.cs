using Credence.Registry.Access;
using Credence.Registry.DueProcess;

namespace Credence.Registry.Tests.DueProcess;

/// <summary>The deadline of a dispute follows the policy's profile: FCRA 30 days, 45 after a free disclosure in the year before.</summary>
public class DisputeDeadlineTests
{
    [Fact]
    public async Task A_free_disclosure_in_the_year_before_extends_the_FCRA_deadline_to_45_days()
    {
        await using var t = await TestRegistry.CreateAsync();
        await t.ActivateAsync("fcra.yaml", FcraVariant());
        var tax = await t.SourceAsync("tax-bureau", "tax-evasion");
        var bob = await t.RoleAsync(Role.Subject, "bob", Ids.Bob);
        var alice = await t.RoleAsync(Role.Subject, "alice", Ids.Alice);
        (await t.Registry.Intake.SubmitAsync(tax, Lines.TaxEvasion(Ids.Bob, "T-1"))).GetValueOrThrow();
        (await t.Registry.Intake.SubmitAsync(tax, Lines.TaxEvasion(Ids.Alice, "T-2"))).GetValueOrThrow();

        // Bob downloaded his free disclosure a month ago; Alice did, but more than a year ago.
        await t.Registry.Access.RecordAsync(AccessEvent.By(bob, t.Clock.GetUtcNow().AddDays(-30), DisputeService.DisclosureAction, Ids.Bob, "free annual disclosure"));
        await t.Registry.Access.RecordAsync(AccessEvent.By(alice, t.Clock.GetUtcNow().AddDays(-400), DisputeService.DisclosureAction, Ids.Alice, "free annual disclosure"));

        var now = t.Clock.GetUtcNow();
        var bobs = (await t.Registry.Disputes.OpenAsync(bob, "tax-bureau", "T-1", "not mine", null)).GetValueOrThrow();
        var alices = (await t.Registry.Disputes.OpenAsync(alice, "tax-bureau", "T-2", "not mine", null)).GetValueOrThrow();
        Assert.Equal(now.AddDays(45), bobs.DueAt);
        Assert.Equal(now.AddDays(30), alices.DueAt);
        Assert.Equal("rongcheng-persons@2026.1-fcra", bobs.PolicyTag);
    }

    [Fact]
    public async Task Under_the_PRC_profile_the_court_review_period_applies()
    {
        await using var t = await TestRegistry.CreateAsync();
        var court = await t.CourtAsync();
        var bob = await t.RoleAsync(Role.Subject, "bob", Ids.Bob);
        (await t.Registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Bob, "Z-1"))).GetValueOrThrow();
        var dispute = (await t.Registry.Disputes.OpenAsync(bob, "intermediate-court", "Z-1", "not me", null)).GetValueOrThrow();
        Assert.Equal(t.Clock.GetUtcNow().AddDays(15), dispute.DueAt);
    }

    [Fact]
    public async Task A_pending_resolution_survives_a_restart()
    {
        await using var t = await TestRegistry.CreateAsync();
        var court = await t.CourtAsync();
        var bob = await t.RoleAsync(Role.Subject, "bob", Ids.Bob);
        (await t.Registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Bob, "Z-1"))).GetValueOrThrow();
        var dispute = (await t.Registry.Disputes.OpenAsync(bob, "intermediate-court", "Z-1", "not me", null)).GetValueOrThrow();

        await t.ReopenAsync();
        t.Clock.Set(dispute.DueAt.AddDays(3));
        Assert.Equal(1, await t.Registry.Scheduler.RunDueAsync());

        var resolved = Assert.Single(await t.Registry.Store.ReadAsync(r => r.SubjectDisputes(Ids.Bob)));
        Assert.Equal((Core.DueProcess.DisputeState.ResolvedForSubject, dispute.DueAt), (resolved.State, resolved.ClosedAt));
        var removal = (await t.Registry.Store.ReadAsync(r => r.FindRecordVersion(new Core.Records.RecordKey("intermediate-court", "Z-1"), 2)))!;
        Assert.Equal((Core.Records.RecordAction.Withdrawn, dispute.DueAt), (removal.Action, removal.ReportedAt));
        Assert.Empty(await t.Registry.Store.ReadAsync(r => r.SubjectListings(Ids.Bob, openOnly: true)));
    }

    [Fact]
    public async Task At_the_deadline_decisions_and_files_treat_an_unanswered_dispute_as_resolved_before_the_scheduler_runs()
    {
        await using var t = await TestRegistry.CreateAsync();
        var court = await t.CourtAsync();
        var bob = await t.RoleAsync(Role.Subject, "bob", Ids.Bob);
        var airline = await t.RelyingPartyAsync("airline", "selling air tickets", "air.ticket");
        (await t.Registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Bob, "Z-1"))).GetValueOrThrow();
        var dispute = (await t.Registry.Disputes.OpenAsync(bob, "intermediate-court", "Z-1", "not me", null)).GetValueOrThrow();

        // The defaulter type counts while disputed: until the deadline the listing holds.
        t.Clock.Set(dispute.DueAt.AddTicks(-1));
        Assert.False((await t.Registry.Decisions.DecideAsync(airline, Ids.Bob, "air.ticket")).GetValueOrThrow().Allowed);

        // At the deadline, with no scheduler run in between, the removal already applies.
        t.Clock.Set(dispute.DueAt);
        var atDeadline = (await t.Registry.Decisions.DecideAsync(airline, Ids.Bob, "air.ticket")).GetValueOrThrow();
        Assert.True(atDeadline.Allowed);
        var file = (await t.Registry.Subjects.ReadOwnAsync(bob)).GetValueOrThrow();
        Assert.Empty(file.Assessment!.Listings);
        Assert.Equal(Core.Records.RecordAction.Withdrawn, file.Records.Single(r => r.Version == 2).Action);
        Assert.Equal(Core.DueProcess.DisputeState.Open, Assert.Single(await t.Registry.Store.ReadAsync(r => r.SubjectDisputes(Ids.Bob))).State);

        // The scheduler then stores exactly that, and the decision given at the deadline is not marked affected.
        Assert.Equal(1, await t.Registry.Scheduler.RunDueAsync());
        Assert.DoesNotContain(await t.Registry.Store.ReadAsync(r => r.SubjectDecisionMarks(Ids.Bob)), m => m.DecisionId == atDeadline.Id);
        Assert.Empty(await t.Registry.Store.ReadAsync(r => r.SubjectListings(Ids.Bob, openOnly: true)));
    }

    internal static string FcraVariant() =>
        TestRegistry.PolicyText("rongcheng-persons.yaml")
            .Replace("version: \"2026.1\"", "version: \"2026.1-fcra\"", StringComparison.Ordinal)
            .Replace("profile: prc-credit-repair", "profile: fcra", StringComparison.Ordinal)
            .Replace("response-time: 15d", "response-time: 30d", StringComparison.Ordinal)
            .Replace("published: true", "published: false", StringComparison.Ordinal);
}
