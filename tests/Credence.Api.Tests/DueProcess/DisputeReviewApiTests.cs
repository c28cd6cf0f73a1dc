using System.Net;
using System.Text.Json;

namespace Credence.Api.Tests.DueProcess;

/// <summary>
/// A verified dispute escalated to a reviewer, through the API: upheld, found wrong and withdrawn by
/// the source, found wrong and resolved for the subject at the 3-working-day deadline, and every refusal.
/// </summary>
public class DisputeReviewApiTests
{
    // ApiHost starts on Monday 1 June 2026, 08:00 UTC. The finding falls on Friday 5 June, 15:00 UTC;
    // three working days later, across the weekend, is Wednesday 10 June, 15:00 UTC.
    private static readonly DateTimeOffset FoundAt = new(2026, 6, 5, 15, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset RevokeBy = new(2026, 6, 10, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task An_escalated_dispute_upheld_by_a_reviewer_ends_with_the_record_counting_and_the_reason_in_the_subjects_notices()
    {
        await using var host = await ApiHost.StartAsync();
        var (court, bob, reviewer) = await PartiesAsync(host);
        var dispute = await VerifiedAsync(host, court, bob, "Z-1");
        var verifiedNotice = (await host.NoticesAsync(bob))[0];
        Assert.Equal(("dispute-answered", "escalate"), (verifiedNotice.Text("kind"), verifiedNotice.GetProperty("nextSteps")[0].Text("action")));
        Assert.Equal(dispute.Instant("escalationDue"), verifiedNotice.GetProperty("nextSteps")[0].Instant("until"));

        host.Clock.Advance(TimeSpan.FromDays(1));
        var escalated = await DueProcessHost.Ok(host.PostAsync($"/v1/me/disputes/{dispute.Text("id")}/escalate", bob, new { reason = "the case number belongs to my namesake in Jinan" }));
        Assert.Equal(("escalated", "the case number belongs to my namesake in Jinan"), (escalated.Text("state"), escalated.Text("escalationReason")));

        // The queue lists the dispute, with what the reviewer may decide; the record keeps counting meanwhile.
        var item = Assert.Single((await DueProcessHost.Ok(host.GetAsync("/v1/review/queue", reviewer))).EnumerateArray());
        Assert.Equal(("dispute", dispute.Text("id"), $"/v1/review/disputes/{dispute.Text("id")}"), (item.Text("kind"), item.Text("caseId"), item.Text("decide")));
        Assert.Equal(["uphold", "found-wrong"], item.GetProperty("decisions").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(escalated.Instant("escalatedAt"), item.Instant("since"));
        Assert.Equal("court-defaulters", (await host.FileAsync(bob)).GetProperty("assessment").GetProperty("listings")[0].Text("list"));

        host.Clock.Advance(TimeSpan.FromHours(3));
        var upheld = await DueProcessHost.Ok(host.PostAsync(item.Text("decide"), reviewer, new { decision = "uphold", reason = "The judgment names Bob's identity number; the namesake has a different one." }));
        Assert.Equal(("upheld", "reviewer-1", "upheld"), (upheld.Text("state"), upheld.Text("reviewer"), upheld.Text("finding")));
        Assert.Empty((await DueProcessHost.Ok(host.GetAsync("/v1/review/queue", reviewer))).EnumerateArray());

        var file = await host.FileAsync(bob);
        Assert.Equal("court-defaulters", file.GetProperty("assessment").GetProperty("listings")[0].Text("list"));
        Assert.Equal(["submitted"], file.GetProperty("records").EnumerateArray().Select(r => r.Text("action")));
        Assert.Equal(["decided.upheld", "escalated", "answered.verify", "opened"], file.GetProperty("caseSteps").EnumerateArray().Select(s => s.Text("step")));
        Assert.Equal(["listed", "dispute-opened", "dispute-answered", "dispute-escalated", "dispute-upheld"], await host.NoticeKindsAsync(bob));
        var notice = (await host.NoticesAsync(bob))[0];
        Assert.Equal("reviewer-1: The judgment names Bob's identity number; the namesake has a different one.", notice.GetProperty("reasons")[0].Text("text"));
        Assert.Equal("dispute", notice.GetProperty("nextSteps")[0].Text("action"));
    }

    [Fact]
    public async Task A_record_found_wrong_is_withdrawn_by_its_source_within_three_working_days_and_the_denial_is_marked_affected()
    {
        await using var host = await ApiHost.StartAsync();
        var (court, bob, reviewer) = await PartiesAsync(host);
        var airline = await host.KeyAsync("relying-party", "china-eastern", capabilities: ["air.ticket"], purpose: "air ticket sales");
        var dispute = await VerifiedAsync(host, court, bob, "Z-1");
        var denial = await DueProcessHost.Created(host.PostAsync("/v1/decisions", airline, new { subject = ApiHost.Bob, measure = "air.ticket" }));
        Assert.Equal("denied", denial.Text("outcome"));
        await FoundWrongAsync(host, bob, reviewer, dispute.Text("id"));

        // The court sees the dispute again among those it must answer, with the new deadline; verifying is no longer an answer.
        var open = Assert.Single((await DueProcessHost.Ok(host.GetAsync("/v1/disputes", court))).EnumerateArray());
        Assert.Equal(("found-wrong", RevokeBy), (open.Text("state"), open.Instant("dueAt")));
        var answer = $"/v1/disputes/{dispute.Text("id")}/answer";
        var verify = await host.PostAsync(answer, court, new { answer = "verify", reason = "we stand by it" });
        await Problems.AssertAsync(verify, HttpStatusCode.UnprocessableEntity, "dispute-refused");
        Assert.Equal("verify-not-allowed-after-finding", (await ApiHost.Json(verify)).GetProperty("refusals")[0].Text("code"));

        // Tuesday: the court withdraws the record; the listing ends and the denial is marked affected.
        host.Clock.SetUtcNow(RevokeBy.AddDays(-1));
        var withdrawn = await DueProcessHost.Ok(host.PostAsync(answer, court, new { answer = "withdraw", reason = "revoked after the review: identifier mix-up" }));
        Assert.Equal(("withdrawn", 2, "found-wrong"), (withdrawn.Text("state"), withdrawn.GetProperty("answerVersion").GetInt32(), withdrawn.Text("finding")));
        var file = await host.FileAsync(bob);
        Assert.Equal(0, file.GetProperty("assessment").GetProperty("listings").GetArrayLength());
        var mark = Assert.Single(file.GetProperty("affectedDecisions").EnumerateArray());
        Assert.Equal((denial.Text("decisionId"), "china-eastern"), (mark.Text("decisionId"), mark.Text("relyingParty")));
        Assert.Equal(["answered.withdraw", "decided.found-wrong", "escalated", "answered.verify", "opened"], file.GetProperty("caseSteps").EnumerateArray().Select(s => s.Text("step")));
        Assert.Equal(
            ["listed", "dispute-opened", "dispute-answered", "adverse-decision", "dispute-escalated", "dispute-found-wrong", "dispute-answered", "delisted", "decision-affected"],
            await host.NoticeKindsAsync(bob));
        Assert.Equal(0, (await ApiHost.Json(await host.GetAsync("/v1/public/lists/court-defaulters"))).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_record_found_wrong_on_a_friday_that_its_source_leaves_is_resolved_for_the_subject_exactly_at_wednesday_15_00()
    {
        await using var host = await ApiHost.StartAsync();
        var (court, bob, reviewer) = await PartiesAsync(host);
        var dispute = await VerifiedAsync(host, court, bob, "Z-1");
        var found = await FoundWrongAsync(host, bob, reviewer, dispute.Text("id"));
        Assert.Equal(RevokeBy, found.Instant("dueAt"));
        var notice = (await host.NoticesAsync(bob))[0];
        Assert.Equal(("dispute-found-wrong", RevokeBy), (notice.Text("kind"), notice.GetProperty("nextSteps")[0].Instant("until")));
        Assert.Contains("reviewer-1: ", notice.GetProperty("reasons")[0].Text("text"), StringComparison.Ordinal);

        // One tick before the deadline nothing has happened: still listed, still waiting for the court.
        await host.RunAtAsync(RevokeBy.AddTicks(-1));
        Assert.Equal("found-wrong", Assert.Single((await DueProcessHost.Ok(host.GetAsync("/v1/me/disputes", bob))).EnumerateArray()).Text("state"));
        Assert.Equal(1, (await host.FileAsync(bob)).GetProperty("assessment").GetProperty("listings").GetArrayLength());

        // At the deadline: resolved for Bob, the removal reported exactly then, the listing gone.
        await host.RunAtAsync(RevokeBy);
        var resolved = Assert.Single((await DueProcessHost.Ok(host.GetAsync("/v1/me/disputes", bob))).EnumerateArray());
        Assert.Equal(("resolved-for-subject", RevokeBy), (resolved.Text("state"), resolved.Instant("closedAt")));
        var file = await host.FileAsync(bob);
        Assert.Equal(0, file.GetProperty("assessment").GetProperty("listings").GetArrayLength());
        var removal = file.GetProperty("records").EnumerateArray().Single(r => r.Text("action") == "withdrawn");
        Assert.Equal(RevokeBy, removal.Instant("reported"));
        Assert.Equal("resolved-for-subject", file.GetProperty("caseSteps")[0].Text("step"));
        Assert.Equal(["delisted", "dispute-resolved-for-subject"], (await host.NoticeKindsAsync(bob)).TakeLast(2).Order(StringComparer.Ordinal));
        var late = await host.PostAsync($"/v1/disputes/{dispute.Text("id")}/answer", court, new { answer = "withdraw", reason = "late" });
        Assert.Equal("not-open", (await ApiHost.Json(late)).GetProperty("refusals")[0].Text("code"));
        Assert.Equal("resolved-for-subject", Assert.Single((await DueProcessHost.Ok(host.GetAsync("/v1/disputes?state=closed", court))).EnumerateArray()).Text("state"));
    }

    [Fact]
    public async Task Escalations_are_refused_before_verification_without_a_reason_twice_after_the_window_for_others_and_for_other_roles()
    {
        await using var host = await ApiHost.StartAsync();
        var (court, bob, reviewer) = await PartiesAsync(host);
        var alice = await host.SubjectAsync("alice", ApiHost.Alice);
        await DueProcessHost.Created(host.PostAsync("/v1/records", court, DueProcessHost.Defaulter(ApiHost.Bob, "Z-1")));
        var open = await DueProcessHost.Created(host.PostAsync("/v1/me/disputes", bob, new { source = DueProcessHost.Court, sourceRecordId = "Z-1", reason = "not me" }));
        var escalate = $"/v1/me/disputes/{open.Text("id")}/escalate";

        await RefusedAsync(host.PostAsync(escalate, bob, new { reason = "please look" }), "not-verified");
        await DueProcessHost.Ok(host.PostAsync($"/v1/disputes/{open.Text("id")}/answer", court, new { answer = "verify", reason = "checked" }));
        await RefusedAsync(host.PostAsync(escalate, bob, new { reason = " " }), "reason-required");
        await Problems.AssertAsync(await host.PostAsync(escalate, bob, new { reason = "x", extra = 1 }), HttpStatusCode.BadRequest, "malformed-json");
        await Problems.AssertAsync(await host.PostAsync("/v1/me/disputes/nope/escalate", bob, new { reason = "x" }), HttpStatusCode.NotFound, "not-found");
        await Problems.AssertAsync(await host.PostAsync(escalate, alice, new { reason = "x" }), HttpStatusCode.NotFound, "not-found");
        await Problems.AssertAsync(await host.PostAsync(escalate, court, new { reason = "x" }), HttpStatusCode.Forbidden, "forbidden");
        await Problems.AssertAsync(await host.PostAsync(escalate, reviewer, new { reason = "x" }), HttpStatusCode.Forbidden, "forbidden");
        await Problems.AssertAsync(await host.PostAsync(escalate, null, new { reason = "x" }), HttpStatusCode.Unauthorized, "unauthorized");

        await DueProcessHost.Ok(host.PostAsync(escalate, bob, new { reason = "please look" }));
        await RefusedAsync(host.PostAsync(escalate, bob, new { reason = "again" }), "already-escalated");

        // A second record, verified; 30 days later the window has closed.
        await DueProcessHost.Created(host.PostAsync("/v1/records", court, DueProcessHost.Defaulter(ApiHost.Bob, "Z-2")));
        var second = await VerifiedAsync(host, court, bob, "Z-2", submit: false);
        host.Clock.SetUtcNow(second.Instant("escalationDue"));
        await RefusedAsync(host.PostAsync($"/v1/me/disputes/{second.Text("id")}/escalate", bob, new { reason = "late" }), "escalation-window-closed");

        // Refusals change nothing: one escalation, and Bob's access log has each of his own refused
        // attempts (not-verified, reason-required, unknown id, already-escalated, window closed); Alice's is in hers.
        var file = await host.FileAsync(bob);
        Assert.Single(file.GetProperty("caseSteps").EnumerateArray(), s => s.Text("step") == "escalated");
        Assert.Equal(5, file.GetProperty("accessLog").EnumerateArray().Count(e => e.Text("action") == "dispute.escalate" && e.Text("outcome") is "refused" or "forbidden"));
    }

    [Fact]
    public async Task Reviewer_decisions_are_refused_unless_escalated_without_a_reason_or_decision_twice_and_for_other_roles_and_a_reviewer_still_cannot_write_records()
    {
        await using var host = await ApiHost.StartAsync();
        var (court, bob, reviewer) = await PartiesAsync(host);
        var dispute = await VerifiedAsync(host, court, bob, "Z-1");
        var decide = $"/v1/review/disputes/{dispute.Text("id")}";

        await RefusedAsync(host.PostAsync(decide, reviewer, new { decision = "found-wrong", reason = "looks wrong" }), "not-escalated");
        await DueProcessHost.Ok(host.PostAsync($"/v1/me/disputes/{dispute.Text("id")}/escalate", bob, new { reason = "not me" }));
        await RefusedAsync(host.PostAsync(decide, reviewer, new { decision = "uphold", reason = "" }), "reason-required");
        await Problems.AssertAsync(await host.PostAsync(decide, reviewer, new { reason = "x" }), HttpStatusCode.BadRequest, "missing-field");
        await Problems.AssertAsync(await host.PostAsync(decide, reviewer, new { decision = "exempt", reason = "x" }), HttpStatusCode.UnprocessableEntity, "bad-value");
        await Problems.AssertAsync(await host.PostAsync("/v1/review/disputes/nope", reviewer, new { decision = "uphold", reason = "x" }), HttpStatusCode.NotFound, "not-found");
        await Problems.AssertAsync(await host.PostAsync(decide, bob, new { decision = "found-wrong", reason = "myself" }), HttpStatusCode.Forbidden, "forbidden");
        await Problems.AssertAsync(await host.PostAsync(decide, court, new { decision = "uphold", reason = "ours" }), HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal("escalated", Assert.Single((await DueProcessHost.Ok(host.GetAsync("/v1/me/disputes", bob))).EnumerateArray()).Text("state"));

        await DueProcessHost.Ok(host.PostAsync(decide, reviewer, new { decision = "found-wrong", reason = "the identity number on the judgment is not Bob's" }));
        await RefusedAsync(host.PostAsync(decide, reviewer, new { decision = "uphold", reason = "on second thought" }), "decided-already");

        // Still no way for a reviewer to write the record or answer for the source.
        await Problems.AssertAsync(await host.PostAsync($"/v1/disputes/{dispute.Text("id")}/answer", reviewer, new { answer = "withdraw", reason = "found wrong" }), HttpStatusCode.Forbidden, "forbidden");
        await Problems.AssertAsync(await host.PostAsync("/v1/records", reviewer, new
        {
            subject = ApiHost.Bob, type = "judgment-defaulter", area = "judicial", occurred = "2026-05-20T00:00:00Z", sourceRecordId = "Z-1", legalBasis = "x", version = 2, action = "withdrawn",
        }), HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(["submitted"], (await host.FileAsync(bob)).GetProperty("records").EnumerateArray().Select(r => r.Text("action")));
    }

    private static async Task<(string Court, string Bob, string Reviewer)> PartiesAsync(ApiHost host) =>
        (await host.CourtAsync(), await host.SubjectAsync("bob", ApiHost.Bob), await host.KeyAsync("reviewer", "reviewer-1"));

    /// <summary>Submits (unless told not to) a defaulter record about Bob, disputes it, and has the court verify it an hour later.</summary>
    private static async Task<JsonElement> VerifiedAsync(ApiHost host, string court, string bob, string id, bool submit = true)
    {
        if (submit)
        {
            await DueProcessHost.Created(host.PostAsync("/v1/records", court, DueProcessHost.Defaulter(ApiHost.Bob, id)));
        }

        var dispute = await DueProcessHost.Created(host.PostAsync("/v1/me/disputes", bob, new { source = DueProcessHost.Court, sourceRecordId = id, reason = "I have never been a party to this case" }));
        host.Clock.Advance(TimeSpan.FromHours(1));
        var verified = await DueProcessHost.Ok(host.PostAsync($"/v1/disputes/{dispute.Text("id")}/answer", court, new { answer = "verify", reason = "the judgment names this identifier" }));
        Assert.Equal(("verified", verified.Instant("closedAt").AddDays(30)), (verified.Text("state"), verified.Instant("escalationDue")));
        return verified;
    }

    /// <summary>Bob escalates on Thursday; the reviewer finds the record wrong on Friday at 15:00.</summary>
    private static async Task<JsonElement> FoundWrongAsync(ApiHost host, string bob, string reviewer, string id)
    {
        host.Clock.SetUtcNow(FoundAt.AddDays(-1));
        await DueProcessHost.Ok(host.PostAsync($"/v1/me/disputes/{id}/escalate", bob, new { reason = "the case number belongs to my namesake" }));
        host.Clock.SetUtcNow(FoundAt);
        var found = await DueProcessHost.Ok(host.PostAsync($"/v1/review/disputes/{id}", reviewer, new { decision = "found-wrong", reason = "the identity number on the judgment is not Bob's" }));
        Assert.Equal(("found-wrong", "found-wrong", FoundAt), (found.Text("state"), found.Text("finding"), found.Instant("decidedAt")));
        return found;
    }

    private static async Task RefusedAsync(Task<HttpResponseMessage> sending, string code)
    {
        var response = await sending;
        await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "dispute-refused");
        Assert.Equal(code, (await ApiHost.Json(response)).GetProperty("refusals")[0].Text("code"));
    }
}
