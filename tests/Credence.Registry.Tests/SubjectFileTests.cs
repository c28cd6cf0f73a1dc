using Credence.Registry.Access;

namespace Credence.Registry.Tests;

public class SubjectFileTests
{
    [Fact]
    public async Task A_subject_reads_its_own_file_with_history_assessment_decisions_and_this_read()
    {
        await using var t = await TestRegistry.CreateAsync();
        var court = await t.CourtAsync();
        var rail = await t.RelyingPartyAsync("rail", "tickets", "rail.g-train.ticket");
        var line = Lines.Defaulter(Ids.Bob, "Z-1");
        await t.Registry.Intake.SubmitAsync(court, line);
        t.Clock.Advance(TimeSpan.FromHours(1));
        await t.Registry.Intake.SubmitAsync(court, Lines.Correction(line) with { LegalBasis = "(2026) Enforcement No. Z-1, corrected" });
        await t.Registry.Decisions.DecideAsync(rail, Ids.Bob, "rail.g-train.ticket");
        var bob = await t.RoleAsync(Role.Subject, "bob", Ids.Bob);

        var file = (await t.Registry.Subjects.ReadOwnAsync(bob)).GetValueOrThrow();
        Assert.Equal([1, 2], file.Records.Select(r => r.Version));
        Assert.Equal((900, "B"), (file.Assessment!.Score, file.Assessment.Grade));
        Assert.Equal("court-defaulters", Assert.Single(file.Assessment.Listings).List);
        Assert.NotEmpty(file.Assessment.PathForward.ListingExits);
        Assert.False(Assert.Single(file.Decisions).Allowed);
        Assert.Equal(("bob", "subject.read", "own file"), (file.AccessLog[0].Principal, file.AccessLog[0].Action, file.AccessLog[0].Purpose));
        Assert.Contains(file.AccessLog, e => e.Action == "record.corrected" && e.Principal == "intermediate-court");
        Assert.Contains(file.AccessLog, e => e.Action == "decision" && e.Purpose == "tickets");
    }

    [Fact]
    public async Task Expiry_is_exact_at_the_instant_of_the_request()
    {
        await using var t = await TestRegistry.CreateAsync();
        var bank = await t.SourceAsync("city-bank", "late-credit-card-payment");
        await t.Registry.Intake.SubmitAsync(bank, Lines.LateCard(Ids.Bob, "CC-1", occurred: "2026-04-01T00:00:00Z"));
        var auditor = await t.RoleAsync(Role.Auditor, "auditor");

        t.Clock.SetUtcNow(new DateTimeOffset(2027, 4, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(-1));
        Assert.Equal(990, (await t.Registry.Subjects.ReadAsync(auditor, Ids.Bob, "audit")).Value!.Assessment!.Score);
        t.Clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(1000, (await t.Registry.Subjects.ReadAsync(auditor, Ids.Bob, "audit")).Value!.Assessment!.Score);
    }

    [Fact]
    public async Task Readers_are_the_subject_reviewers_and_auditors_with_a_purpose_and_refusals_are_logged()
    {
        await using var t = await TestRegistry.CreateAsync();
        var alice = await t.RoleAsync(Role.Subject, "alice", Ids.Alice);
        var reviewer = await t.RoleAsync(Role.Reviewer, "reviewer");
        var court = await t.CourtAsync();

        Assert.Equal(ProblemTypes.Forbidden, (await t.Registry.Subjects.ReadAsync(alice, Ids.Bob, null)).Problem!.Type);
        Assert.Equal(ProblemTypes.PurposeRequired, (await t.Registry.Subjects.ReadAsync(reviewer, Ids.Bob, " ")).Problem!.Type);
        Assert.Equal(ProblemTypes.Forbidden, (await t.Registry.Subjects.ReadAsync(court, Ids.Bob, "curious")).Problem!.Type);
        Assert.Equal(ProblemTypes.Forbidden, (await t.Registry.Subjects.ReadOwnAsync(court)).Problem!.Type);
        Assert.Equal(ProblemTypes.InvalidIdentifier, (await t.Registry.Subjects.ReadAsync(reviewer, "nobody", "x")).Problem!.Type);

        var file = (await t.Registry.Subjects.ReadAsync(reviewer, Ids.Bob, "dispute D-1")).GetValueOrThrow();
        Assert.Equal(
            [("reviewer", AccessOutcome.Ok), ("intermediate-court", AccessOutcome.Forbidden), ("reviewer", AccessOutcome.Refused), ("alice", AccessOutcome.Forbidden)],
            file.AccessLog.Select(e => (e.Principal, e.Outcome)));
        Assert.Equal("dispute D-1", file.AccessLog[0].Purpose);
    }
}
