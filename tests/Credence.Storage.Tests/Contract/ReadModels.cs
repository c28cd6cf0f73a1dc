using Credence.Core.DueProcess;
using Credence.Core.Explanations;
using Credence.Core.Identifiers;
using Credence.Core.Scoring;
using Credence.Registry.Access;
using Credence.Registry.Decisions;
using Credence.Registry.DueProcess;
using Credence.Registry.Storage;
using Credence.Storage.Tests.Fixture;

namespace Credence.Storage.Tests.Contract;

/// <summary>
/// The cross-subject views the store maintains: list members with paging, counts, the access log,
/// review queues, source disputes and subjects due for review. Each is checked for exactly what it
/// holds, in exactly its order, at its paging edges.
/// </summary>
public abstract class ReadModels(StoreKind kind) : StoreContract(kind)
{
    private const string T1 = "rongcheng-persons@2026.1";
    private const string T2 = "rongcheng-persons@2026.2";
    private const string T3 = "organisations@2026.1";
    private const string List = "court-defaulters";

    [Fact]
    public async Task List_members_are_the_open_listings_under_the_given_versions_in_order_of_since_subject_and_id_page_by_page()
    {
        var now = Start;
        var rows = new List<ListingRow>();
        await WriteAsync(w =>
        {
            ListingRow Open(ListingRow row) => row with { Id = w.OpenListing(row) };
            rows.Add(Open(Rows.Listing(Ids.Person(1), List, T1, now.AddDays(-10))));
            rows.Add(Open(Rows.Listing(Ids.Person(2), List, T2, now.AddDays(-10), until: now.AddTicks(1))));
            Open(Rows.Listing(Ids.Person(3), List, T1, now.AddDays(-20), until: now));            // over at now: out
            Open(Rows.Listing(Ids.Person(4), List, T3, now.AddDays(-30)));                        // another version: out
            Open(Rows.Listing(Ids.Person(5), "tax-blacklist", T1, now.AddDays(-30)));             // another list: out
            var ended = Open(Rows.Listing(Ids.Person(6), List, T1, now.AddDays(-5)));
            w.EndListing(ended.Id, now.AddDays(-1));                                              // ended: out
            rows.Add(Open(Rows.Listing(Ids.Person(0), List, T1, now.AddDays(-10))));
            rows.Add(Open(Rows.Listing(Ids.Person(1), List, T2, now.AddDays(-10))));              // the same subject under two versions: by id
            rows.Add(Open(Rows.Listing(Ids.Person(8), List, T1, now.AddDays(1))));
            rows.Add(Open(Rows.Listing(Ids.Person(9), List, T1, now.AddDays(-40), published: false)));
            rows.Add(Open(Rows.Listing(Ids.Person(10), List, T2, now.AddDays(-10).AddTicks(-1), until: now.AddYears(2))));
        });

        var expected = rows.OrderBy(r => r.Since).ThenBy(r => r.Subject, StringComparer.Ordinal).ThenBy(r => r.Id).ToList();
        var pages = new List<ListingRow>();
        for (var offset = 0; offset < 12; offset += 3)
        {
            var page = await ReadAsync(r => r.ListMembers(List, [T1, T2], now, offset, 3));
            Assert.Equal(7, page.Total);
            Assert.Equal(Math.Clamp(7 - offset, 0, 3), page.Entries.Length);
            pages.AddRange(page.Entries);
        }

        Assert.Equal(expected, pages);
        Assert.Equal(expected.Take(1), (await ReadAsync(r => r.ListMembers(List, [T1, T2], now, 0, 1))).Entries);
        Assert.Equal(expected.Skip(6), (await ReadAsync(r => r.ListMembers(List, [T1, T2], now, 6, 100))).Entries);
        Assert.Equal(
            expected.Where(r => r.PolicyTag == T2).ToList(),
            (await ReadAsync(r => r.ListMembers(List, [T2], now, 0, 100))).Entries);
        Assert.Equal(new ListPage([], 0), await ReadAsync(r => r.ListMembers(List, [], now, 0, 100)) with { Entries = [] });
        Assert.Empty((await ReadAsync(r => r.ListMembers(List, [], now, 0, 100))).Entries);
        Assert.Equal(0, (await ReadAsync(r => r.ListMembers("Court-Defaulters", [T1, T2], now, 0, 100))).Total);

        // An instant later, the listing that ended at now + 1 tick is over too.
        Assert.Equal(6, (await ReadAsync(r => r.ListMembers(List, [T1, T2], now.AddTicks(1), 0, 100))).Total);
    }

    [Fact]
    public async Task List_members_follow_ends_updates_and_reopenings()
    {
        var (a, b) = await WriteAsync(w => (w.OpenListing(Rows.Listing(Ids.Person(1), List, T1, Start.AddDays(-3))), w.OpenListing(Rows.Listing(Ids.Person(2), List, T1, Start.AddDays(-2)))));
        await WriteAsync(w =>
        {
            w.EndListing(a, Start);
            w.UpdateListing(b, Start.AddDays(-9), Start.AddDays(9));
        });
        var page = await ReadAsync(r => r.ListMembers(List, [T1], Start, 0, 10));
        Assert.Equal((1L, b, Start.AddDays(-9), Start.AddDays(9)), (page.Total, page.Entries[0].Id, page.Entries[0].Since, page.Entries[0].Until));

        await WriteAsync(w =>
        {
            w.ReopenListing(a);
            w.SetListingPublished(a, false);
        });
        var again = await ReadAsync(r => r.ListMembers(List, [T1], Start, 0, 10));
        Assert.Equal([b, a], again.Entries.Select(e => e.Id));
        Assert.Equal((true, false, (DateTimeOffset?)null), (again.Entries[0].Published, again.Entries[1].Published, again.Entries[1].EndedAt));
    }

    [Fact]
    public async Task Counts_hold_every_total_grade_list_and_due_process_figure_in_order()
    {
        var now = Start;
        await WriteAsync(w =>
        {
            w.SaveSubjectState(Rows.State(Ids.Person(1), now, grade: "A", policyTag: T1));
            w.SaveSubjectState(Rows.State(Ids.Person(2), now, grade: "B", policyTag: T1));
            w.SaveSubjectState(Rows.State(Ids.Person(3), now, grade: "A", policyTag: T1));
            w.SaveSubjectState(Rows.State(Ids.Person(4), now, grade: null, policyTag: T1, status: ScoreStatus.NoConsent));
            w.SaveSubjectState(Rows.State(Ids.Person(5), now, grade: "AA", policyTag: T2));
            w.SaveSubjectState(Rows.State(Ids.Person(6), now, grade: "A", policyTag: T2));
            w.SaveSubjectState(Rows.State(Ids.Acme, now, grade: "C", policyTag: T3));
            w.SaveSubjectState(Rows.State(Ids.Person(6), now, grade: "B", policyTag: T2)); // a subject's state replaces its last one

            w.OpenListing(Rows.Listing(Ids.Person(1), List, T1, now.AddDays(-1)));
            w.OpenListing(Rows.Listing(Ids.Person(2), List, T1, now.AddDays(-1)));
            w.OpenListing(Rows.Listing(Ids.Person(5), List, T2, now.AddDays(-1)));
            w.OpenListing(Rows.Listing(Ids.Person(5), "aa-redlist", T2, now.AddDays(-1)));
            w.OpenListing(Rows.Listing(Ids.Person(3), List, T1, now.AddDays(-9), until: now));
            w.EndListing(w.OpenListing(Rows.Listing(Ids.Person(4), List, T1, now.AddDays(-9))), now.AddDays(-2));

            for (var i = 0; i < 4; i++)
            {
                w.TryInsertRecord(Rows.Record(Ids.Person(i), "court", "R-" + i));
            }

            w.TryInsertRecord(Rows.Record(Ids.Person(0), "court", "R-0") with { Version = 2, Action = Core.Records.RecordAction.Withdrawn });
            w.InsertDecision(Decision(Ids.Person(1), now, Guid.CreateVersion7(now)));
            w.InsertDecision(Decision(Ids.Person(2), now, Guid.CreateVersion7(now)));
            var marked = Decision(Ids.Person(2), now, Guid.CreateVersion7(now));
            w.InsertDecision(marked);
            w.InsertDecisionMark(new DecisionMark(marked.Id, marked.Subject, now, "withdrawn", "railway", true, ["court/R-2"]));

            var states = new[]
            {
                DisputeState.Open, DisputeState.Open, DisputeState.Verified, DisputeState.Corrected, DisputeState.Corrected, DisputeState.Corrected,
                DisputeState.Withdrawn, DisputeState.ResolvedForSubject, DisputeState.ResolvedForSubject, DisputeState.Escalated, DisputeState.FoundWrong,
            };
            for (var i = 0; i < states.Length; i++)
            {
                w.InsertDispute(Rows.Dispute("d-" + i, Ids.Person(i), "court", now, now.AddDays(30), states[i], states[i] == DisputeState.Open ? null : now));
            }

            w.InsertRepair(Rows.Repair("r-1", Ids.Person(1), now, now));
            w.InsertRepair(Rows.Repair("r-2", Ids.Person(2), now, null));
            w.InsertRepair(Rows.Repair("r-3", Ids.Person(3), now, null));
            w.InsertAppeal(Rows.Appeal("a-1", "r-2", Ids.Person(2), now));
            w.InsertNotice(Rows.Notice(Ids.Person(1), now, "one"));
            w.InsertNotice(Rows.Notice(Ids.Person(1), now, "two"));
            w.InsertNotice(Rows.Notice(Ids.Person(2), now, "three"));
        });

        var counts = await ReadAsync(r => r.Counts(now));
        Assert.Equal((7L, 5L, 3L), (counts.Subjects, counts.RecordVersions, counts.Decisions));
        Assert.Equal(
            [
                new GradeCount(T3, ScoreStatus.Scored, "C", 1),
                new GradeCount(T1, ScoreStatus.Scored, "A", 2),
                new GradeCount(T1, ScoreStatus.Scored, "B", 1),
                new GradeCount(T1, ScoreStatus.NoConsent, null, 1),
                new GradeCount(T2, ScoreStatus.Scored, "AA", 1),
                new GradeCount(T2, ScoreStatus.Scored, "B", 1),
            ],
            counts.Grades.ToArray());
        Assert.Equal([new ListCount(T1, List, 2), new ListCount(T2, "aa-redlist", 1), new ListCount(T2, List, 1)], counts.Lists.ToArray());
        Assert.Equal(new DueProcessCounts(2, 1, 3, 1, 2, 1, 2, 1, 1, 3), counts.DueProcess);

        // A granted appeal turns a refusal into a grant in the counts; an instant later the listings of the past are not counted.
        await WriteAsync(w => w.GrantRepair("r-2", now.AddDays(1)));
        Assert.Equal((2L, 1L), ((await ReadAsync(r => r.Counts(now))).DueProcess.RepairsGranted, (await ReadAsync(r => r.Counts(now))).DueProcess.RepairsRefused));
        Assert.Empty((await ReadAsync(r => r.Counts(now.AddYears(10)))).Lists.Where(l => l.Subjects == 0));
    }

    [Fact]
    public async Task An_empty_store_counts_nothing()
    {
        var counts = await ReadAsync(r => r.Counts(Start));
        Assert.Equal((0L, 0L, 0L), (counts.Subjects, counts.RecordVersions, counts.Decisions));
        Assert.Empty(counts.Grades);
        Assert.Empty(counts.Lists);
        Assert.Equal(new DueProcessCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0), counts.DueProcess);
        Assert.Null(await ReadAsync(r => r.NextReviewAt()));
        Assert.Null(await ReadAsync(r => r.SchedulerAfter()));
        Assert.Equal(0, await ReadAsync(r => r.ActivationCount()));
        Assert.Equal(0, await ReadAsync(r => r.RevokedKeyCount()));
    }

    [Fact]
    public async Task The_access_log_pages_forward_by_id_and_a_subjects_part_comes_newest_first()
    {
        var ids = new List<long>();
        await WriteAsync(w =>
        {
            for (var i = 0; i < 25; i++)
            {
                // Instants out of id order, and several alike: the log's order is the id's, a subject's part is the instant's.
                ids.Add(w.AppendAccess(Rows.Access("p" + i, Start.AddMinutes(i % 4 == 0 ? 100 - i : i % 5), i % 2 == 0 ? Ids.Bob : Ids.Alice)));
            }
        });

        var seen = await Paging.AllAsync(0L, after => ReadAsync(r => r.AccessLog(after, 10)), e => e.Id, 10);

        Assert.Equal(ids, seen.Select(e => e.Id));
        Assert.Equal(Enumerable.Range(0, 25).Select(i => "p" + i), seen.Select(e => e.Principal));
        Assert.Equal(ids.Skip(24), (await ReadAsync(r => r.AccessLog(ids[23], 10))).Select(e => e.Id));
        Assert.Empty(await ReadAsync(r => r.AccessLog(ids[24], 10)));
        Assert.Equal(ids.Skip(3).Take(2), (await ReadAsync(r => r.AccessLog(ids[2], 2))).Select(e => e.Id));

        var bob = seen.Where(e => e.Subject == Ids.Bob).OrderByDescending(e => e.At).ThenByDescending(e => e.Id).ToList();
        Assert.Equal(bob.Take(5).Select(e => e.Id), (await ReadAsync(r => r.SubjectAccess(Ids.Bob, 5))).Select(e => e.Id));
        Assert.Equal(bob.Select(e => e.Id), (await ReadAsync(r => r.SubjectAccess(Ids.Bob, 100))).Select(e => e.Id));
        Assert.Empty(await ReadAsync(r => r.SubjectAccess(Ids.Acme, 100)));

        var first = seen[0];
        Assert.Equal(Rows.Access("p0", Start.AddMinutes(100), Ids.Bob) with { Id = first.Id }, first);
    }

    [Fact]
    public async Task The_latest_successful_access_of_an_action_is_found_per_subject()
    {
        await WriteAsync(w =>
        {
            w.AppendAccess(Rows.Access("s", Start.AddDays(1), Ids.Bob, "disclosure.download"));
            w.AppendAccess(Rows.Access("s", Start.AddDays(3), Ids.Bob, "disclosure.download", AccessOutcome.Forbidden));
            w.AppendAccess(Rows.Access("s", Start.AddDays(2), Ids.Bob, "disclosure.download"));
            w.AppendAccess(Rows.Access("s", Start.AddDays(4), Ids.Bob, "file.read"));
            w.AppendAccess(Rows.Access("s", Start.AddDays(5), Ids.Alice, "disclosure.download"));
        });
        Assert.Equal(Start.AddDays(2), await ReadAsync(r => r.LastAccess(Ids.Bob, "disclosure.download")));
        Assert.Null(await ReadAsync(r => r.LastAccess(Ids.Bob, "Disclosure.download")));
        Assert.Null(await ReadAsync(r => r.LastAccess(Ids.Acme, "disclosure.download")));
    }

    [Fact]
    public async Task A_sources_disputes_come_most_urgent_first_when_open_and_latest_first_when_closed()
    {
        var d = new List<StoredDispute>
        {
            Rows.Dispute(Id(1), Ids.Person(1), "court", Start, Start.AddDays(20)),
            Rows.Dispute(Id(2), Ids.Person(2), "court", Start, Start.AddDays(10)),
            Rows.Dispute(Id(4), Ids.Person(3), "court", Start, Start.AddDays(30), DisputeState.FoundWrong, Start.AddDays(1)),
            Rows.Dispute(Id(3), Ids.Person(4), "court", Start, Start.AddDays(30)),
            Rows.Dispute(Id(5), Ids.Person(5), "court", Start, Start.AddDays(5), DisputeState.Verified, Start.AddDays(2)),
            Rows.Dispute(Id(7), Ids.Person(6), "court", Start, Start.AddDays(5), DisputeState.Withdrawn, Start.AddDays(4)),
            Rows.Dispute(Id(6), Ids.Person(7), "court", Start, Start.AddDays(5), DisputeState.Corrected, Start.AddDays(4)),
            Rows.Dispute(Id(8), Ids.Person(8), "court", Start, Start.AddDays(5), DisputeState.ResolvedForSubject, Start.AddDays(3)),
            Rows.Dispute(Id(9), Ids.Person(9), "tax-bureau", Start, Start.AddDays(1)),
            Rows.Dispute(Id(10), Ids.Person(9), "tax-bureau", Start, Start.AddDays(1), DisputeState.Verified, Start.AddDays(9)),
            Rows.Dispute(Id(11), Ids.Person(9), "Court", Start, Start.AddDays(1)),
        };
        await WriteAsync(w => d.ForEach(w.InsertDispute));

        Assert.Equal([Id(2), Id(1), Id(3), Id(4)], (await ReadAsync(r => r.SourceDisputes("court", open: true, 10))).Select(x => x.Id));
        Assert.Equal([Id(2), Id(1)], (await ReadAsync(r => r.SourceDisputes("court", open: true, 2))).Select(x => x.Id));
        Assert.Equal([Id(7), Id(6), Id(8), Id(5)], (await ReadAsync(r => r.SourceDisputes("court", open: false, 10))).Select(x => x.Id));
        Assert.Equal([Id(7)], (await ReadAsync(r => r.SourceDisputes("court", open: false, 1))).Select(x => x.Id));
        Assert.Equal([Id(9)], (await ReadAsync(r => r.SourceDisputes("tax-bureau", open: true, 10))).Select(x => x.Id));
        Assert.Empty(await ReadAsync(r => r.SourceDisputes("cour", open: true, 10)));
        Assert.Equal(d[0], (await ReadAsync(r => r.SourceDisputes("court", open: true, 10)))[1]);
    }

    [Fact]
    public async Task The_reviewers_queues_hold_escalated_disputes_and_pending_appeals_longest_waiting_first()
    {
        await WriteAsync(w =>
        {
            foreach (var (n, at, state) in new[] { (1, 3, DisputeState.Escalated), (2, 1, DisputeState.Escalated), (3, 1, DisputeState.Escalated), (4, 0, DisputeState.Upheld), (5, 0, DisputeState.Open), (6, 2, DisputeState.Escalated) })
            {
                var escalation = new DisputeEscalation("the source verified it wrongly " + n, Start.AddHours(at), state == DisputeState.Upheld ? "reviewer" : null, state == DisputeState.Upheld ? DisputeFinding.Upheld : null);
                w.InsertDispute(Rows.Dispute(Id(n), Ids.Person(n), "court", Start, Start.AddDays(30), DisputeState.Open));
                if (state != DisputeState.Open)
                {
                    w.UpdateDispute(Rows.Dispute(Id(n), Ids.Person(n), "court", Start, Start.AddDays(30), state, Start, escalation));
                }
            }

            foreach (var (n, at, state) in new[] { (1, 5, AppealState.Pending), (2, 2, AppealState.Pending), (3, 2, AppealState.Pending), (4, 1, AppealState.Granted), (5, 9, AppealState.Pending) })
            {
                w.InsertRepair(Rows.Repair("r" + Id(n), Ids.Person(n), Start, null));
                w.InsertAppeal(Rows.Appeal(Id(n), "r" + Id(n), Ids.Person(n), Start.AddHours(at), AppealState.Pending));
                if (state != AppealState.Pending)
                {
                    w.UpdateAppeal(Rows.Appeal(Id(n), "r" + Id(n), Ids.Person(n), Start.AddHours(at), state));
                }
            }
        });

        Assert.Equal([Id(2), Id(3), Id(6), Id(1)], (await ReadAsync(r => r.EscalatedDisputes(10))).Select(x => x.Id));
        Assert.Equal([Id(2), Id(3)], (await ReadAsync(r => r.EscalatedDisputes(2))).Select(x => x.Id));
        var escalated = (await ReadAsync(r => r.EscalatedDisputes(1)))[0];
        Assert.Equal(new DisputeEscalation("the source verified it wrongly 2", Start.AddHours(1)), escalated.Escalation);
        Assert.Equal(Start.AddHours(0), (await ReadAsync(r => r.FindDispute(Id(4))))!.Escalation!.At);
        Assert.Equal(DisputeFinding.Upheld, (await ReadAsync(r => r.FindDispute(Id(4))))!.Escalation!.Finding);

        Assert.Equal([Id(2), Id(3), Id(1), Id(5)], (await ReadAsync(r => r.PendingAppeals(10))).Select(x => x.Id));
        Assert.Equal([Id(2)], (await ReadAsync(r => r.PendingAppeals(1))).Select(x => x.Id));
        Assert.Equal(AppealState.Granted, (await ReadAsync(r => r.AppealOfRepair("r" + Id(4))))!.State);
    }

    [Fact]
    public async Task Subjects_due_for_review_are_those_due_by_the_instant_earliest_first()
    {
        await WriteAsync(w =>
        {
            w.SaveSubjectState(Rows.State(Ids.Person(1), Start.AddDays(3)));
            w.SaveSubjectState(Rows.State(Ids.Person(2), Start.AddDays(1)));
            w.SaveSubjectState(Rows.State(Ids.Person(3), Start));
            w.SaveSubjectState(Rows.State(Ids.Person(4), Start.AddTicks(1)));
            w.SaveSubjectState(Rows.State(Ids.Person(5), Start.AddDays(-400)));
            w.SaveSubjectState(Rows.State(Ids.Acme, Start.AddDays(2), policyTag: T3));
        });

        Assert.Equal([Ids.Person(5), Ids.Person(3)], await ReadAsync(r => r.SubjectsDueForReview(Start, 10)));
        Assert.Equal([Ids.Person(5)], await ReadAsync(r => r.SubjectsDueForReview(Start, 1)));
        Assert.Equal([Ids.Person(5), Ids.Person(3), Ids.Person(4), Ids.Person(2), Ids.Acme], await ReadAsync(r => r.SubjectsDueForReview(Start.AddDays(2), 10)));
        Assert.Equal(Start.AddDays(-400), await ReadAsync(r => r.NextReviewAt()));

        // A subject's review moves with its new state.
        await WriteAsync(w => w.SaveSubjectState(Rows.State(Ids.Person(5), Start.AddDays(9))));
        Assert.Equal([Ids.Person(3)], await ReadAsync(r => r.SubjectsDueForReview(Start, 10)));
        Assert.Equal(Start, await ReadAsync(r => r.NextReviewAt()));
    }

    [Fact]
    public async Task Subjects_of_a_kind_page_in_identifier_order()
    {
        var persons = Enumerable.Range(0, 11).Select(Ids.Person).ToList();
        await WriteAsync(w =>
        {
            persons.ForEach(p => w.SaveSubjectState(Rows.State(p, Start)));
            w.SaveSubjectState(Rows.State(Ids.Acme, Start, policyTag: T3));
        });

        var expected = persons.Order(StringComparer.Ordinal).ToList();
        var seen = await Paging.AllAsync(string.Empty, after => ReadAsync(r => r.SubjectsOfKind(SubjectKind.Person, after, 4)), s => s, 4);

        Assert.Equal(expected, seen);
        Assert.Equal([Ids.Acme], await ReadAsync(r => r.SubjectsOfKind(SubjectKind.Organisation, string.Empty, 10)));
        Assert.Equal(expected.Skip(3), await ReadAsync(r => r.SubjectsOfKind(SubjectKind.Person, expected[2], 100)));
    }

    [Fact]
    public async Task The_schedulers_checkpoint_only_moves_forward()
    {
        await WriteAsync(w => w.SetSchedulerAfter(Start));
        await WriteAsync(w => w.SetSchedulerAfter(Start.AddDays(-1)));
        Assert.Equal(Start, await ReadAsync(r => r.SchedulerAfter()));
        await WriteAsync(w => w.SetSchedulerAfter(Start.AddTicks(1)));
        Assert.Equal(Start.AddTicks(1), await ReadAsync(r => r.SchedulerAfter()));
    }

    internal static Decision Decision(string subject, DateTimeOffset at, Guid id, string relyingParty = "railway") =>
        new(id, subject, 1, relyingParty, "ticket sales", "rail.g-train.ticket", "rail.g-train.ticket", DecisionAnswer.Denied,
            [new DecisionReason("listed", "on the court defaulter list", ["court/R-1"])], ["restrict-rail"], T1, at,
            [new ForwardStep("perform", "perform the judgment", at.AddDays(30))]);

    private static string Id(int n) => $"0193a000-0000-7000-8000-{n:D12}";
}
