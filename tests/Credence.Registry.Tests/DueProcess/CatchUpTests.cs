using Credence.Core.DueProcess;
using Credence.Core.Intake;
using Credence.Core.Records;
using Credence.Registry.Access;

namespace Credence.Registry.Tests.DueProcess;

/// <summary>
/// A registry that was down while deadlines, terms and windows passed records each transition at its
/// own exact instant when it comes back, not at the restart: in the listing rows, the dispute, the
/// record versions, the score history and the notices.
/// </summary>
public class CatchUpTests
{
    private static readonly DateTimeOffset TermEnds = new(2026, 6, 10, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset WindowEnds = new(2026, 6, 20, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Restart = new(2026, 7, 15, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Every_transition_missed_while_down_is_stored_at_its_own_instant()
    {
        await using var t = await TestRegistry.CreateAsync();
        var court = await t.CourtAsync();
        var city = await t.SourceAsync("city", "heroic-act");
        var water = await t.SourceAsync("water-co", "late-utility-fees");
        var airline = await t.RelyingPartyAsync("airline", "selling air tickets", "air.ticket");
        var bob = await t.RoleAsync(Role.Subject, "bob", Ids.Bob);
        var carol = await t.RoleAsync(Role.Subject, "carol", Ids.Carol);
        var alice = await t.RoleAsync(Role.Subject, "alice", Ids.Alice);

        // Bob: listed by a record he disputes; the court will never answer. Denied a flight meanwhile.
        (await t.Registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Bob, "Z-1"))).GetValueOrThrow();
        var dispute = (await t.Registry.Disputes.OpenAsync(bob, "intermediate-court", "Z-1", "not me", null)).GetValueOrThrow();
        var denial = (await t.Registry.Decisions.DecideAsync(airline, Ids.Bob, "air.ticket")).GetValueOrThrow();
        Assert.False(denial.Allowed);

        // Carol: a defaulter whose two-year term ends on 10 June (announced a week before).
        (await t.Registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Carol, "Z-2", "2024-06-10T00:00:00Z"))).GetValueOrThrow();

        // Alice: a heroic act, and utility arrears whose effect and redlist window end on 20 June.
        (await t.Registry.Intake.SubmitAsync(city, new RecordLine(Ids.Alice, "heroic-act", "social", "2026-05-01T00:00:00Z", null, null, "H-1", null, null, null, null, null))).GetValueOrThrow();
        (await t.Registry.Intake.SubmitAsync(water, new RecordLine(Ids.Alice, "late-utility-fees", "social", "2025-06-20T00:00:00Z", null, null, "W-1", "bill W-1", null, null, null, null))).GetValueOrThrow();
        Assert.Equal(["court-defaulters"], (await t.Registry.Store.ReadAsync(r => r.SubjectListings(Ids.Carol, openOnly: true))).Select(l => l.List));
        Assert.Empty(await t.Registry.Store.ReadAsync(r => r.SubjectListings(Ids.Alice, openOnly: true)));

        // The registry is down from now until well after all of it.
        Assert.True(dispute.DueAt < Restart && TermEnds < Restart && WindowEnds < Restart);
        await t.ReopenAsync(Restart);
        Assert.True(await t.Registry.Scheduler.RunDueAsync() >= 3);

        // Bob: the dispute closed, the record removed, the listing ended, all at the deadline.
        var closed = Assert.Single(await t.Registry.Store.ReadAsync(r => r.SubjectDisputes(Ids.Bob)));
        Assert.Equal((DisputeState.ResolvedForSubject, dispute.DueAt), (closed.State, closed.ClosedAt));
        Assert.Equal(dispute.DueAt, (await t.Registry.Store.ReadAsync(r => r.FindRecordVersion(new RecordKey("intermediate-court", "Z-1"), 2)))!.ReportedAt);
        Assert.Equal(dispute.DueAt, Assert.Single(await t.Registry.Store.ReadAsync(r => r.SubjectListings(Ids.Bob, openOnly: false))).EndedAt);
        var bobs = await Notices(t, Ids.Bob);
        Assert.Equal(dispute.DueAt, bobs.Single(n => n.Kind == NoticeKind.DisputeResolvedForSubject).At);
        Assert.Equal(dispute.DueAt, bobs.Single(n => n.Kind == NoticeKind.Delisted).At);
        var affected = bobs.Single(n => n.Kind == NoticeKind.DecisionAffected);
        Assert.Equal((dispute.DueAt, new NoticeAbout("decision", denial.Id.ToString("D"))), (affected.At, affected.About));
        Assert.Contains("did not answer", bobs.Single(n => n.Kind == NoticeKind.Delisted).Reasons[0].Text, StringComparison.Ordinal);
        var bobHistory = (await t.Registry.Disclosure.DownloadAsync(bob, "json")).GetValueOrThrow().ScoreHistory;
        var unlisted = bobHistory.First(p => p.At > denial.DecidedAt && p.Lists.IsEmpty);
        Assert.Equal(dispute.DueAt, unlisted.At);

        // Carol: the term ended at its instant, announced a week before at that instant.
        Assert.Equal(TermEnds, Assert.Single(await t.Registry.Store.ReadAsync(r => r.SubjectListings(Ids.Carol, openOnly: false))).EndedAt);
        var carols = await Notices(t, Ids.Carol);
        Assert.Equal(TermEnds, carols.Single(n => n.Kind == NoticeKind.Delisted).At);
        Assert.Contains(carols, n => n.Kind == NoticeKind.ExpiryApproaching && n.At == TermEnds.AddDays(-Transitions.NoticeDays) && n.About == NoticeAbout.Listing("court-defaulters"));
        var carolHistory = (await t.Registry.Disclosure.DownloadAsync(carol, "json")).GetValueOrThrow().ScoreHistory;
        Assert.Equal(TermEnds, carolHistory.Last(p => !p.Lists.IsEmpty) is var last ? carolHistory[carolHistory.IndexOf(last) + 1].At : default);

        // Alice: the arrears stopped counting and she joined the honest-citizens redlist on 20 June.
        // (The heroic act put her on it before the arrears were reported and took her off: that notice
        // gives the way back, the window's end.)
        var joined = Assert.Single(await t.Registry.Store.ReadAsync(r => r.SubjectListings(Ids.Alice, openOnly: true)));
        Assert.Equal("honest-citizens", joined.List);
        var alices = await Notices(t, Ids.Alice);
        Assert.Equal(WindowEnds, alices.Where(n => n.Kind == NoticeKind.Listed).Max(n => n.At));
        var left = alices.Single(n => n.Kind == NoticeKind.Delisted);
        Assert.Contains(left.NextSteps, s => s.Action == "wait" && s.From == WindowEnds);
        Assert.Contains(left.NextSteps, s => s.Action == "dispute" && s.Text.Contains("water-co/W-1", StringComparison.Ordinal));
        Assert.Contains(alices, n => n.Kind == NoticeKind.ExpiryApproaching && n.At == WindowEnds.AddDays(-Transitions.NoticeDays));
        var aliceHistory = (await t.Registry.Disclosure.DownloadAsync(alice, "json")).GetValueOrThrow().ScoreHistory;
        Assert.Contains(aliceHistory, p => p.At == WindowEnds && p.Grade == "AA" && p.Lists.Contains("honest-citizens"));

        // Nothing is dated at the restart, and a second run finds nothing left to do.
        Assert.DoesNotContain(bobs.Concat(carols).Concat(alices), n => n.At == Restart);
        var before = (bobs.Count, carols.Count, alices.Count);
        await t.Registry.Scheduler.RunDueAsync();
        Assert.Equal(before, ((await Notices(t, Ids.Bob)).Count, (await Notices(t, Ids.Carol)).Count, (await Notices(t, Ids.Alice)).Count));
    }

    [Fact]
    public async Task The_inbox_is_ordered_by_the_instants_of_its_notices_and_pages_in_that_order()
    {
        await using var t = await TestRegistry.CreateAsync();
        var court = await t.CourtAsync();
        var carol = await t.RoleAsync(Role.Subject, "carol", Ids.Carol);
        (await t.Registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Carol, "Z-2", "2024-06-10T00:00:00Z"))).GetValueOrThrow();
        await t.ReopenAsync(Restart);
        await t.Registry.Scheduler.RunDueAsync();

        // Written out of order (the listing first, the approaching end and the end at the catch-up),
        // the inbox reads newest instant first.
        var all = (await t.Registry.Notices.ListAsync(carol, 50, null)).GetValueOrThrow();
        Assert.True(all.Count >= 3);
        Assert.Equal(all.OrderByDescending(n => n.At).ThenByDescending(n => n.Id).Select(n => n.Id), all.Select(n => n.Id));
        Assert.All(all, n => Assert.NotNull(n.About));

        // Paging by the last id of a page continues in the same order, and someone else's id gives nothing.
        var first = (await t.Registry.Notices.ListAsync(carol, 2, null)).GetValueOrThrow();
        var rest = (await t.Registry.Notices.ListAsync(carol, 50, first[^1].Id)).GetValueOrThrow();
        Assert.Equal(all.Select(n => n.Id), first.Concat(rest).Select(n => n.Id));
        Assert.Empty((await t.Registry.Notices.ListAsync(carol, 50, long.MaxValue - 1)).GetValueOrThrow());
    }

    private static async Task<List<Credence.Registry.DueProcess.StoredNotice>> Notices(TestRegistry t, string subject) =>
        [.. await t.Registry.Store.ReadAsync(r => r.SubjectNotices(subject, 500))];
}
