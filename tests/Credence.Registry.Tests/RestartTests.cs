using Credence.Registry.Access;

namespace Credence.Registry.Tests;

public class RestartTests
{
    [Fact]
    public async Task Reopening_the_same_database_keeps_everything()
    {
        await using var t = await TestRegistry.CreateAsync();
        var court = await t.KeyAsync(new Principals.PrincipalRegistration(Role.Source, "court", RecordTypes: ["judgment-defaulter"]));
        var rail = await t.RelyingPartyAsync("rail", "tickets", "rail.g-train.ticket");
        await t.Registry.Intake.SubmitAsync(court.Principal, Lines.Defaulter(Ids.Bob, "Z-1"));
        var decision = (await t.Registry.Decisions.DecideAsync(rail, Ids.Bob, "rail.g-train.ticket")).GetValueOrThrow();
        var before = await t.Registry.State.SummaryAsync();

        await t.ReopenAsync();

        Assert.Equal("court", (await t.Registry.Principals.AuthenticateAsync("Bearer " + court.Key, "test")).Value!.Name);
        Assert.Equal(2, (await t.Registry.Policies.ActiveAllAsync(t.Clock.GetUtcNow())).Count);
        Assert.Equal(decision.Id, (await t.Registry.Store.ReadAsync(r => r.FindDecision(decision.Id)))!.Id);
        Assert.Equal(FateKind(), (await t.Registry.Intake.SubmitAsync(court.Principal, Lines.Defaulter(Ids.Bob, "Z-1"))).Value!.Fate);
        var after = await t.Registry.State.SummaryAsync();
        Assert.Equal((before.Counts.Subjects, before.Counts.RecordVersions, before.Counts.Decisions), (after.Counts.Subjects, after.Counts.RecordVersions, after.Counts.Decisions));
        Assert.Equal(before.Counts.Lists.ToArray(), after.Counts.Lists.ToArray());

        static Intake.FateKind FateKind() => Intake.FateKind.Duplicate;
    }

    [Fact]
    public async Task The_summary_counts_grades_and_list_sizes()
    {
        await using var t = await TestRegistry.CreateAsync();
        var court = await t.CourtAsync();
        var charity = await t.SourceAsync("charity", "volunteering");
        await t.Registry.Intake.SubmitBatchAsync(court, [Lines.Defaulter(Ids.Bob, "Z-1"), Lines.Defaulter(Ids.Carol, "Z-2")]);
        await t.Registry.Intake.SubmitBatchAsync(charity, [Lines.Volunteering(Ids.Alice, "V-1")]);

        var summary = await t.Registry.State.SummaryAsync();
        Assert.Equal((3, 3), (summary.Counts.Subjects, summary.Counts.RecordVersions));
        Assert.Equal([("A", 1L), ("B", 2L)], summary.Counts.Grades.Select(g => (g.Grade!, g.Subjects)));
        Assert.Equal(("court-defaulters", 2L), (Assert.Single(summary.Counts.Lists).List, summary.Counts.Lists[0].Subjects));
        var auditor = await t.RoleAsync(Role.Auditor, "auditor");
        Assert.True((await t.Registry.State.SummaryAsync(auditor)).IsOk);
        Assert.Equal(ProblemTypes.Forbidden, (await t.Registry.State.SummaryAsync(court)).Problem!.Type);
    }
}
