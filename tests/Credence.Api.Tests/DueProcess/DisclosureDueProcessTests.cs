using System.Net;
using System.Text.Json;

namespace Credence.Api.Tests.DueProcess;

/// <summary>The free disclosure with due process: notices, disputes, repairs, appeals, affected decisions and case steps, in JSON and HTML, and a score history that steps where they do.</summary>
public class DisclosureDueProcessTests
{
    private const string Script = "<script>alert('owned')</script> I paid this bill on time";

    private static readonly DateTimeOffset RepairDay = new(2026, 7, 1, 9, 0, 0, TimeSpan.Zero);

    private sealed record Hardship(string Bob, JsonElement Dispute, string RefusedCase, JsonElement Appeal, JsonElement Granted);

    /// <summary>
    /// Two late utility fees (960, grade A); Bob disputes one (a type that does not count while
    /// disputed: 980), the utility verifies it (960 again), a repair of the other is refused before
    /// the minimum period, appealed and upheld, then granted once the period is served (980).
    /// </summary>
    private static async Task<Hardship> HardshipAsync(ApiHost host)
    {
        var water = await host.KeyAsync("source", "city-water", recordTypes: ["late-utility-fees", "utility-arrears-paid"]);
        var bob = await host.SubjectAsync("bob", ApiHost.Bob);
        var reviewer = await host.KeyAsync("reviewer", "reviewer-1");
        await DueProcessHost.Created(host.PostAsync("/v1/records", water, DueProcessHost.LateUtility(ApiHost.Bob, "W-1", "2026-04-01T00:00:00Z")));
        await DueProcessHost.Created(host.PostAsync("/v1/records", water, DueProcessHost.LateUtility(ApiHost.Bob, "W-2", "2026-04-15T00:00:00Z")));
        await DueProcessHost.Created(host.PostAsync("/v1/records", water, new
        {
            subject = ApiHost.Bob, type = "utility-arrears-paid", area = "social", occurred = "2026-05-30T00:00:00Z", sourceRecordId = "W-PAID", legalBasis = "Receipt W-PAID",
        }));

        host.Clock.Advance(TimeSpan.FromDays(1));
        var dispute = await DueProcessHost.Created(host.PostAsync("/v1/me/disputes", bob, new { source = "city-water", sourceRecordId = "W-2", reason = Script, evidence = "bank statement" }));
        host.Clock.Advance(TimeSpan.FromDays(2));
        await DueProcessHost.Ok(host.PostAsync($"/v1/disputes/{dispute.Text("id")}/answer", water, new { answer = "verify", reason = "The payment arrived 40 days late <b>per our ledger</b>" }));

        host.Clock.Advance(TimeSpan.FromDays(1));
        var refused = await host.PostAsync("/v1/me/repairs", bob, new { source = "city-water", sourceRecordId = "W-1" });
        await Problems.AssertAsync(refused, HttpStatusCode.UnprocessableEntity, "repair-refused");
        var caseId = (await ApiHost.Json(refused)).Text("caseId");
        var appeal = await DueProcessHost.Created(host.PostAsync($"/v1/me/repairs/{caseId}/appeal", bob, new { grounds = "I was in hospital" }));
        host.Clock.Advance(TimeSpan.FromHours(1));
        await DueProcessHost.Ok(host.PostAsync($"/v1/review/appeals/{appeal.Text("id")}", reviewer, new { grant = false, reason = "The minimum period is not served yet; apply again on 1 July." }));

        host.Clock.SetUtcNow(RepairDay);
        var granted = await DueProcessHost.Created(host.PostAsync("/v1/me/repairs", bob, new { source = "city-water", sourceRecordId = "W-1" }));
        host.Clock.Advance(TimeSpan.FromHours(1));
        return new Hardship(bob, dispute, caseId, appeal, granted);
    }

    private static List<(DateTimeOffset At, int? Score, string? Grade, string Cause)> History(JsonElement disclosure) =>
        [.. disclosure.GetProperty("scoreHistory").EnumerateArray().Select(p => (
            p.Instant("at"),
            p.TryGetProperty("score", out var s) ? s.GetInt32() : (int?)null,
            p.TryGetProperty("grade", out var g) ? g.GetString() : null,
            p.Text("cause")))];

    [Fact]
    public async Task The_JSON_disclosure_shows_disputes_repairs_appeals_case_steps_every_notice_and_a_history_that_steps_with_them()
    {
        await using var host = await ApiHost.StartAsync();
        var story = await HardshipAsync(host);
        var d = await DueProcessHost.Ok(host.GetAsync("/v1/me/disclosure", story.Bob));

        // The history rises at the dispute's opening, falls at its closing (verified), and rises at the repair's instant.
        var start = ApiHost.Start;
        var disputeId = story.Dispute.Text("id");
        var repairId = story.Granted.Text("id");
        Assert.Equal(
            [
                (start, 960, "A", "record city-water/W-1 version 1 (submitted) reported; record city-water/W-2 version 1 (submitted) reported; record city-water/W-PAID version 1 (submitted) reported"),
                (start.AddDays(1), 980, "A", $"dispute {disputeId} on record city-water/W-2 opened"),
                (start.AddDays(3), 960, "A", $"dispute {disputeId} on record city-water/W-2 closed (verified)"),
                (RepairDay, 980, "A", $"repair {repairId} of record city-water/W-1 took effect"),
            ],
            History(d));
        Assert.Equal(980, d.GetProperty("assessment").GetProperty("score").GetInt32());

        // The dispute with its state, deadline, answer and reason.
        var dispute = Assert.Single(d.GetProperty("disputes").EnumerateArray());
        Assert.Equal((disputeId, "city-water/W-2", "verified", "verify", Script), (dispute.Text("id"), dispute.Text("record"), dispute.Text("state"), dispute.Text("answer"), dispute.Text("reason")));
        Assert.Equal(start.AddDays(16), dispute.Instant("dueAt"));
        Assert.Equal("The payment arrived 40 days late <b>per our ledger</b>", dispute.Text("answerReason"));

        // The refused application with its unmet criterion and date, then the granted one.
        var repairs = d.GetProperty("repairs").EnumerateArray().ToList();
        Assert.Equal([(story.RefusedCase, "refused"), (repairId, "granted")], repairs.Select(r => (r.Text("id"), r.Text("outcome"))));
        var unmet = Assert.Single(repairs[0].GetProperty("unmet").EnumerateArray());
        Assert.Equal(("minimum-period-not-served", new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero)), (unmet.Text("code"), unmet.Instant("metAt")));
        Assert.Equal((RepairDay, "city-water/W-PAID"), (repairs[1].Instant("effectiveAt"), repairs[1].Text("fulfilledBy")));

        var appeal = Assert.Single(d.GetProperty("appeals").EnumerateArray());
        Assert.Equal(("upheld", "reviewer-1", "The minimum period is not served yet; apply again on 1 July."), (appeal.Text("state"), appeal.Text("reviewer"), appeal.Text("reason")));
        Assert.Equal(["granted", "upheld", "filed", "refused", "answered.verify", "opened"], d.GetProperty("caseSteps").EnumerateArray().Select(s => s.Text("step")));
        var steps = d.GetProperty("caseSteps");
        Assert.Equal("bank statement", steps[steps.GetArrayLength() - 1].GetProperty("detail").Text("evidence"));
        Assert.Empty(d.GetProperty("affectedDecisions").EnumerateArray());

        // Every notice, newest first, exactly as the inbox holds them, each with reasons, policy and next steps.
        var inbox = await host.NoticesAsync(story.Bob);
        var notices = d.GetProperty("notices");
        Assert.Equal(inbox.GetRawText(), notices.GetRawText());
        Assert.Equal(["repair-granted", "appeal-decided", "repair-appealed", "repair-refused", "dispute-answered", "dispute-opened"], notices.EnumerateArray().Select(n => n.Text("kind")));
        var refusal = notices[3];
        Assert.Equal("rongcheng-persons@2026.1", refusal.Text("policyVersion"));
        Assert.Contains(refusal.GetProperty("reasons").EnumerateArray(), r => r.Text("code") == "minimum-period-not-served");
        Assert.Contains(refusal.GetProperty("nextSteps").EnumerateArray(), s => s.Text("action") == "apply-for-repair");
        Assert.All(notices.EnumerateArray(), n => Assert.False(string.IsNullOrEmpty(n.Text("title"))));

        // Each names what it is about, and each step of the inbox has at least one next step; the
        // refusal and the dismissed appeal each have one the subject can act on.
        Assert.All(notices.EnumerateArray(), n => Assert.False(string.IsNullOrEmpty(n.GetProperty("about").Text("id"))));
        Assert.Equal(["repair", "appeal", "appeal", "repair", "dispute", "dispute"], notices.EnumerateArray().Select(n => n.GetProperty("about").Text("kind")));
        Assert.Equal(story.RefusedCase, refusal.GetProperty("about").Text("id"));
        Assert.All(notices.EnumerateArray(), n => Assert.NotEqual(0, n.GetProperty("nextSteps").GetArrayLength()));
        Assert.All(new[] { notices[1], notices[3] }, n => Assert.Contains(n.GetProperty("nextSteps").EnumerateArray(), s => s.Text("action") != "none"));
    }

    [Fact]
    public async Task The_HTML_disclosure_has_a_section_for_each_part_of_due_process_and_escapes_what_subjects_and_sources_wrote()
    {
        await using var host = await ApiHost.StartAsync();
        var story = await HardshipAsync(host);
        var response = await host.GetAsync("/v1/me/disclosure.html", story.Bob);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();

        foreach (var heading in new[] { "Score history", "Decisions found affected", "Disputes", "Repair applications", "Appeals", "Case steps", "Notices", "Access log" })
        {
            Assert.Contains($"<h2>{heading}</h2>", page, StringComparison.Ordinal);
        }

        // The subject's reason and the source's answer are text, never markup; the page has no script at all.
        Assert.Contains("<td>&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt; I paid this bill on time</td><td>bank statement</td><td>verify</td>", page, StringComparison.Ordinal);
        Assert.Contains("late &lt;b&gt;per our ledger&lt;/b&gt;", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", page, StringComparison.Ordinal);
        foreach (var external in new[] { "http:", "https:", "<link", "<img", "src=", "@import" })
        {
            Assert.DoesNotContain(external, page, StringComparison.OrdinalIgnoreCase);
        }

        // The history's steps, the repair applications, the appeal, the case steps and the notices, as rows.
        Assert.Contains($"<td>2026-06-02 08:00:00 UTC</td><td>dispute {story.Dispute.Text("id")} on record city-water/W-2 opened</td><td>rongcheng-persons@2026.1</td><td>scored</td><td>980</td>", page, StringComparison.Ordinal);
        Assert.Contains($"<td>2026-07-01 09:00:00 UTC</td><td>repair {story.Granted.Text("id")} of record city-water/W-1 took effect</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>refused</td><td></td><td>minimum-period-not-served: ", page, StringComparison.Ordinal);
        Assert.Contains("(met on 2026-07-01 00:00:00 UTC)</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>granted</td><td>2026-07-01 09:00:00 UTC</td><td></td><td>city-water/W-PAID</td>", page, StringComparison.Ordinal);
        Assert.Contains($"<td>{story.Appeal.Text("id")}</td><td>{story.RefusedCase}</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>upheld</td><td>reviewer-1</td><td>The minimum period is not served yet; apply again on 1 July.</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>answered.verify</td><td>city-water</td><td>city-water/W-2</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>repair-refused</td>", page, StringComparison.Ordinal);
        Assert.Contains("apply-for-repair: ", page, StringComparison.Ordinal);
        Assert.True(page.IndexOf("<td>repair-granted</td>", StringComparison.Ordinal) < page.IndexOf("<td>dispute-opened</td>", StringComparison.Ordinal), "notices are listed newest first");
        Assert.Contains("<h2>Decisions found affected</h2>\n<p class=\"none\">None.</p>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrongly_listed_person_sees_the_denial_marked_affected_with_the_airline_named_and_every_notice()
    {
        await using var host = await ApiHost.StartAsync();
        var court = await host.CourtAsync();
        var airline = await host.KeyAsync("relying-party", "china-eastern", capabilities: ["air.ticket"], purpose: "air ticket sales");
        var bob = await host.SubjectAsync("bob", ApiHost.Bob);
        await DueProcessHost.Created(host.PostAsync("/v1/records", court, DueProcessHost.Defaulter(ApiHost.Bob, "Z-1")));

        // More denials than the subject file's latest notices: the disclosure holds every one.
        host.Clock.Advance(TimeSpan.FromHours(1));
        var denials = new List<JsonElement>();
        for (var i = 0; i < 22; i++)
        {
            denials.Add(await DueProcessHost.Created(host.PostAsync("/v1/decisions", airline, new { subject = ApiHost.Bob, measure = "air.ticket" })));
            host.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        host.Clock.Advance(TimeSpan.FromDays(1));
        var dispute = await DueProcessHost.Created(host.PostAsync("/v1/me/disputes", bob, new { source = DueProcessHost.Court, sourceRecordId = "Z-1", reason = "I have never been a party to this case" }));
        host.Clock.Advance(TimeSpan.FromDays(2));
        var withdrawnAt = host.Clock.GetUtcNow();
        await DueProcessHost.Ok(host.PostAsync($"/v1/disputes/{dispute.Text("id")}/answer", court, new { answer = "withdraw", reason = "identifier mix-up" }));

        var d = await DueProcessHost.Ok(host.GetAsync("/v1/me/disclosure", bob));
        var marks = d.GetProperty("affectedDecisions").EnumerateArray().ToList();
        Assert.Equal(denials.Select(x => x.Text("decisionId")).Order(), marks.Select(m => m.Text("decisionId")).Order());
        Assert.All(marks, m => Assert.Equal(("china-eastern", true), (m.Text("relyingParty"), m.GetProperty("correctedAllowed").GetBoolean())));

        var inbox = await DueProcessHost.Ok(host.GetAsync("/v1/me/notices?limit=500", bob));
        var file = await host.FileAsync(bob);
        Assert.True(inbox.GetArrayLength() > file.GetProperty("notices").GetArrayLength(), "the subject file shows only the latest notices");
        Assert.Equal(inbox.GetRawText(), d.GetProperty("notices").GetRawText());
        Assert.Equal(22, d.GetProperty("notices").EnumerateArray().Count(n => n.Text("kind") == "adverse-decision"));

        // A type that counts while disputed: the opening changes nothing; the withdrawal restores the score.
        var history = History(d);
        Assert.Equal([(ApiHost.Start, 900, "B"), (withdrawnAt, 1000, "A")], history.Select(p => (p.At, p.Score, p.Grade)));
        Assert.Contains($"dispute {dispute.Text("id")} on record intermediate-court/Z-1 closed (withdrawn)", history[1].Cause, StringComparison.Ordinal);
        Assert.Equal(1000, d.GetProperty("assessment").GetProperty("score").GetInt32());

        var page = await (await host.GetAsync("/v1/me/disclosure.html", bob)).Content.ReadAsStringAsync();
        Assert.Contains($"<td>{denials[0].Text("decisionId")}</td><td>china-eastern</td><td>air.ticket</td><td>2026-06-01 09:00:00 UTC</td><td>denied</td><td>allowed</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>withdrawn</td><td>I have never been a party to this case</td>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dispute_unanswered_at_its_deadline_is_disclosed_resolved_for_the_subject_before_and_after_the_scheduler_stores_it()
    {
        await using var host = await ApiHost.StartAsync();
        var water = await host.KeyAsync("source", "city-water", recordTypes: ["late-utility-fees"]);
        var bob = await host.SubjectAsync("bob", ApiHost.Bob);
        await DueProcessHost.Created(host.PostAsync("/v1/records", water, DueProcessHost.LateUtility(ApiHost.Bob, "W-1", "2026-05-01T00:00:00Z")));
        host.Clock.Advance(TimeSpan.FromDays(1));
        var dispute = await DueProcessHost.Created(host.PostAsync("/v1/me/disputes", bob, new { source = "city-water", sourceRecordId = "W-1", reason = "never late" }));
        var due = dispute.Instant("dueAt");

        // A tick before the deadline: open, and the record (not counting while disputed) already lifted.
        host.Clock.SetUtcNow(due.AddTicks(-1));
        var before = await DueProcessHost.Ok(host.GetAsync("/v1/me/disclosure", bob));
        Assert.Equal("open", Assert.Single(before.GetProperty("disputes").EnumerateArray()).Text("state"));
        Assert.Equal([(ApiHost.Start, 980), (dispute.Instant("openedAt"), 1000)], History(before).Select(p => (p.At, p.Score)));

        // After the deadline, with the scheduler not yet run: resolved for the subject at the deadline, as it will be stored.
        host.Clock.SetUtcNow(due.AddHours(1));
        var read = await DueProcessHost.Ok(host.GetAsync("/v1/me/disclosure", bob));
        var shown = Assert.Single(read.GetProperty("disputes").EnumerateArray());
        Assert.Equal(("resolved-for-subject", due, 2), (shown.Text("state"), shown.Instant("closedAt"), shown.GetProperty("answerVersion").GetInt32()));
        Assert.Equal([(1, "submitted"), (2, "withdrawn")], read.GetProperty("records").EnumerateArray().Select(r => (r.GetProperty("version").GetInt32(), r.Text("action"))));
        Assert.Equal([(ApiHost.Start, 980), (dispute.Instant("openedAt"), 1000)], History(read).Select(p => (p.At, p.Score)));

        await host.RunAtAsync(due.AddHours(2));
        var stored = await DueProcessHost.Ok(host.GetAsync("/v1/me/disclosure", bob));
        Assert.Equal(shown.GetRawText(), Assert.Single(stored.GetProperty("disputes").EnumerateArray()).GetRawText());
        Assert.Equal(read.GetProperty("records").GetRawText(), stored.GetProperty("records").GetRawText());
        Assert.Equal(read.GetProperty("scoreHistory").GetRawText(), stored.GetProperty("scoreHistory").GetRawText());
        Assert.Contains(stored.GetProperty("notices").EnumerateArray(), n => n.Text("kind") == "dispute-resolved-for-subject");
    }
}
