using Credence.Registry.Access;
using Credence.Registry.Disclosure;
using Credence.Registry.Sharing;

namespace Credence.Registry.Tests;

/// <summary>"Who read my file" (<see cref="DisclosureService.ReadsAsync"/>): exactly the reads of the subject's own file, each named, paged and filtered.</summary>
public class FileReadsTests
{
    [Fact]
    public async Task A_subject_sees_every_read_of_its_own_file_named_with_why_and_what_and_nothing_about_anyone_else()
    {
        await using var t = await TestRegistry.CreateAsync();
        var court = await t.CourtAsync();
        var rail = await t.RelyingPartyAsync("rail", "tickets", "rail.g-train.ticket");
        var reviewer = await t.RoleAsync(Role.Reviewer, "reviewer-li");
        var bob = await t.RoleAsync(Role.Subject, "bob", Ids.Bob);
        var alice = await t.RoleAsync(Role.Subject, "alice", Ids.Alice);
        await t.Registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Bob, "Z-1"));
        await t.Registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Alice, "Z-2"));
        t.Clock.Advance(TimeSpan.FromMinutes(1));
        (await t.Registry.Decisions.DecideAsync(rail, Ids.Bob, "rail.g-train.ticket")).GetValueOrThrow();
        (await t.Registry.Decisions.DecideAsync(rail, Ids.Alice, "rail.g-train.ticket")).GetValueOrThrow();
        t.Clock.Advance(TimeSpan.FromMinutes(1));
        var share = (await t.Registry.Shares.CreateAsync(bob, new ShareRequest(null, "flat at 12 Elm Road", null, "30d"))).GetValueOrThrow();
        (await t.Registry.Shares.UseAsync(rail, share.Code)).GetValueOrThrow();
        t.Clock.Advance(TimeSpan.FromMinutes(1));
        (await t.Registry.Subjects.ReadAsync(reviewer, Ids.Bob, "dispute D-1")).GetValueOrThrow();
        (await t.Registry.Subjects.ReadAsync(reviewer, Ids.Alice, "dispute D-2")).GetValueOrThrow();
        (await t.Registry.Subjects.ReadOwnAsync(alice)).GetValueOrThrow();
        Assert.Equal(ProblemTypes.Forbidden, (await t.Registry.Subjects.ReadAsync(alice, Ids.Bob, null)).Problem!.Type);
        t.Clock.Advance(TimeSpan.FromMinutes(1));

        var page = (await t.Registry.Disclosure.ReadsAsync(bob, null, 1, 200)).GetValueOrThrow();
        var reads = page.Reads;

        // This read first, then the rest newest first.
        Assert.Equal((DisclosureService.ReadsAction, "bob", ReaderKind.Subject), (reads[0].Action, reads[0].Reader, reads[0].Kind));
        Assert.Equal(reads.Select(r => r.At).OrderDescending(), reads.Select(r => r.At));

        var decision = Assert.Single(reads, r => r.Action == "decision");
        Assert.Equal(("rail", ReaderKind.RelyingParty, "tickets", "rail.g-train.ticket", false), (decision.Reader, decision.Kind, decision.Purpose, decision.Measure, decision.Allowed));
        var used = Assert.Single(reads, r => r.Action == ShareService.UseAction);
        Assert.Equal(("rail", ReaderKind.RelyingParty, share.Share.Id, "flat at 12 Elm Road"), (used.Reader, used.Kind, used.ShareId, used.SharePurpose));
        var reviewed = Assert.Single(reads, r => r.Action == "subject.read" && r.Kind == ReaderKind.Reviewer);
        Assert.Equal(("reviewer-li", "dispute D-1"), (reviewed.Reader, reviewed.Purpose));
        var written = Assert.Single(reads, r => r.Action.StartsWith("record.", StringComparison.Ordinal));
        Assert.Equal(("intermediate-court", ReaderKind.Source, "judgment-defaulter"), (written.Reader, written.Kind, written.RecordType));
        Assert.EndsWith("/Z-1", written.Record, StringComparison.Ordinal);
        // Alice's refused attempt at Bob's file is a read of Bob's file: he sees it.
        Assert.Single(reads, r => r.Reader == "alice" && r.Outcome == AccessOutcome.Forbidden);

        // Nothing about Alice: not her decision, her record, the reviewer's read of her file, nor her own reads.
        Assert.DoesNotContain(reads, r => r.Purpose == "dispute D-2" || (r.Record?.EndsWith("/Z-2", StringComparison.Ordinal) ?? false));
        Assert.Equal(1, reads.Count(r => r.Reader == "alice"));
        Assert.DoesNotContain(reads, r => r.Detail?.Contains(Ids.Alice, StringComparison.Ordinal) ?? false);

        // The same entries as the disclosure's whole access log (with its download), less the read after it.
        var disclosure = (await t.Registry.Disclosure.DownloadAsync(bob, "json")).GetValueOrThrow();
        var again = (await t.Registry.Disclosure.ReadsAsync(bob, null, 1, 200)).GetValueOrThrow().Reads;
        Assert.Equal(DisclosureService.ReadsAction, again[0].Action);
        Assert.Equal(
            disclosure.AccessLog.Select(e => (e.At, e.Principal, e.Action)).Order(),
            again.Skip(1).Select(r => (r.At, r.Reader, r.Action)).Order());
    }

    [Fact]
    public async Task The_file_and_the_disclosure_name_the_role_of_whoever_took_a_step_on_a_dispute()
    {
        await using var t = await TestRegistry.CreateAsync();
        var court = await t.CourtAsync();
        var bob = await t.RoleAsync(Role.Subject, "bob", Ids.Bob);
        await t.Registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Bob, "Z-1"));
        t.Clock.Advance(TimeSpan.FromMinutes(1));
        var dispute = (await t.Registry.Disputes.OpenAsync(bob, "intermediate-court", "Z-1", "not me", null)).GetValueOrThrow();
        t.Clock.Advance(TimeSpan.FromMinutes(1));
        (await t.Registry.Disputes.AnswerAsync(court, dispute.Id, "withdraw", "mix-up", null)).GetValueOrThrow();
        t.Clock.Advance(TimeSpan.FromMinutes(1));

        var file = (await t.Registry.Subjects.ReadOwnAsync(bob)).GetValueOrThrow();
        var disclosure = (await t.Registry.Disclosure.DownloadAsync(bob, "json")).GetValueOrThrow();
        var reads = (await t.Registry.Disclosure.ReadsAsync(bob, null, 1, 200)).GetValueOrThrow().Reads;
        foreach (var log in new[] { file.AccessLog, disclosure.AccessLog })
        {
            var steps = log.Where(e => e.Action.StartsWith("dispute.", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(steps);

            // Every step a person took names that person's role, as "who read my file" does; none is left blank.
            Assert.All(steps, e => Assert.Equal(e.Principal == "bob" ? "subject" : "source", e.Role));
            Assert.Contains(steps, e => e.Principal == "intermediate-court");
            Assert.Contains(steps, e => e.Principal == "bob");
        }

        Assert.All(reads.Where(r => r.Action.StartsWith("dispute.", StringComparison.Ordinal)), r => Assert.Equal(r.Reader == "bob" ? ReaderKind.Subject : ReaderKind.Source, r.Kind));
    }

    [Fact]
    public async Task Reads_are_paged_newest_first_and_filtered_by_kind_of_reader_with_each_kind_counted()
    {
        await using var t = await TestRegistry.CreateAsync();
        var court = await t.CourtAsync();
        var rail = await t.RelyingPartyAsync("rail", "tickets", "rail.g-train.ticket");
        var bob = await t.RoleAsync(Role.Subject, "bob", Ids.Bob);
        await t.Registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Bob, "Z-1"));
        for (var i = 0; i < 7; i++)
        {
            t.Clock.Advance(TimeSpan.FromMinutes(1));
            (await t.Registry.Decisions.DecideAsync(rail, Ids.Bob, "rail.g-train.ticket")).GetValueOrThrow();
        }

        var all = (await t.Registry.Disclosure.ReadsAsync(bob, null, 1, 200)).GetValueOrThrow();
        var pages = new List<FileRead>();
        for (var p = 1; p <= 4; p++)
        {
            var page = (await t.Registry.Disclosure.ReadsAsync(bob, ReaderKind.RelyingParty, p, 3)).GetValueOrThrow();
            Assert.Equal((7, Math.Min(p, 3)), (page.Total, page.Page)); // past the last page: the last page
            Assert.All(page.Reads, r => Assert.Equal(ReaderKind.RelyingParty, r.Kind));
            if (p <= 3)
            {
                pages.AddRange(page.Reads);
            }
        }

        Assert.Equal(7, pages.Count);
        Assert.Equal(7, pages.Distinct().Count());
        Assert.Equal(pages.Select(r => r.At).OrderDescending(), pages.Select(r => r.At));
        Assert.Equal(7, all.Counts[ReaderKind.RelyingParty]);
        Assert.Equal(1, all.Counts[ReaderKind.Source]);
        Assert.False(all.Counts.ContainsKey(ReaderKind.Reviewer));
        Assert.Empty((await t.Registry.Disclosure.ReadsAsync(bob, ReaderKind.Reviewer, 1, 10)).GetValueOrThrow().Reads);
    }

    [Fact]
    public async Task Only_a_subject_reads_its_reads_and_every_read_of_them_is_logged()
    {
        await using var t = await TestRegistry.CreateAsync();
        var rail = await t.RelyingPartyAsync("rail", "tickets", "rail.g-train.ticket");
        var reviewer = await t.RoleAsync(Role.Reviewer, "reviewer-li");
        var bob = await t.RoleAsync(Role.Subject, "bob", Ids.Bob);
        Assert.Equal(ProblemTypes.Forbidden, (await t.Registry.Disclosure.ReadsAsync(rail, null, 1, 10)).Problem!.Type);
        Assert.Equal(ProblemTypes.Forbidden, (await t.Registry.Disclosure.ReadsAsync(reviewer, null, 1, 10)).Problem!.Type);
        Assert.Equal(ProblemTypes.BadValue, (await t.Registry.Disclosure.ReadsAsync(bob, (ReaderKind)99, 1, 10)).Problem!.Type);

        (await t.Registry.Disclosure.ReadsAsync(bob, ReaderKind.Source, 1, 10)).GetValueOrThrow();
        var log = await t.Registry.Store.ReadAsync(r => r.SubjectAccess(Ids.Bob, 10));
        Assert.Equal((DisclosureService.ReadsAction, "bob", "own reads"), (log[0].Action, log[0].Principal, log[0].Purpose));
    }
}
