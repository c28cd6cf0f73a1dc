using System.Net;

namespace Credence.Api.Tests.DueProcess;

/// <summary>Repair refusals, the one appeal, and the reviewer's reasoned decision, through the API.</summary>
public class RepairApiTests
{
    [Fact]
    public async Task A_refused_repair_is_appealed_once_and_a_reviewer_grants_it_with_a_reason()
    {
        await using var host = await ApiHost.StartAsync();
        var water = await host.KeyAsync("source", "city-water", recordTypes: ["late-utility-fees", "utility-arrears-paid"]);
        var bob = await host.SubjectAsync("bob", ApiHost.Bob);
        var reviewer = await host.KeyAsync("reviewer", "reviewer-1");
        await DueProcessHost.Created(host.PostAsync("/v1/records", water, DueProcessHost.LateUtility(ApiHost.Bob, "W-1", "2026-05-01T00:00:00Z")));

        // Not paid and too early: both criteria unmet, each with what would meet it.
        var refused = await host.PostAsync("/v1/me/repairs", bob, new { source = "city-water", sourceRecordId = "W-1" });
        await Problems.AssertAsync(refused, HttpStatusCode.UnprocessableEntity, "repair-refused");
        var problem = await ApiHost.Json(refused);
        Assert.Equal(["minimum-period-not-served", "obligation-not-fulfilled"], problem.GetProperty("refusals").EnumerateArray().Select(r => r.Text("code")));
        var caseId = problem.Text("caseId");
        await Problems.AssertAsync(await host.PostAsync("/v1/me/repairs", bob, new { source = "city-water", sourceRecordId = "W-404" }), HttpStatusCode.NotFound, "not-found");

        // One appeal; a second is refused; grounds are required.
        var noGrounds = await host.PostAsync($"/v1/me/repairs/{caseId}/appeal", bob, new { grounds = " " });
        Assert.Equal("grounds-required", (await ApiHost.Json(noGrounds)).GetProperty("refusals")[0].Text("code"));
        var appeal = await DueProcessHost.Created(host.PostAsync($"/v1/me/repairs/{caseId}/appeal", bob, new { grounds = "I was in hospital; the bill was paid by my family in cash" }));
        Assert.Equal("pending", appeal.Text("state"));
        var second = await host.PostAsync($"/v1/me/repairs/{caseId}/appeal", bob, new { grounds = "again" });
        await Problems.AssertAsync(second, HttpStatusCode.UnprocessableEntity, "appeal-refused");
        Assert.Equal("already-appealed", (await ApiHost.Json(second)).GetProperty("refusals")[0].Text("code"));
        await Problems.AssertAsync(await host.PostAsync("/v1/me/repairs/nope/appeal", bob, new { grounds = "x" }), HttpStatusCode.NotFound, "not-found");

        // The reviewer's queue; a decision without a reason is refused; then granted with one.
        var queue = await DueProcessHost.Ok(host.GetAsync("/v1/review/queue", reviewer));
        var item = Assert.Single(queue.EnumerateArray());
        Assert.Equal((appeal.Text("id"), "city-water/W-1"), (item.GetProperty("appeal").Text("id"), item.GetProperty("refusal").Text("record")));
        var decide = $"/v1/review/appeals/{appeal.Text("id")}";
        var noReason = await host.PostAsync(decide, reviewer, new { grant = true, reason = "" });
        await Problems.AssertAsync(noReason, HttpStatusCode.UnprocessableEntity, "appeal-refused");
        Assert.Equal("reason-required", (await ApiHost.Json(noReason)).GetProperty("refusals")[0].Text("code"));
        await Problems.AssertAsync(await host.PostAsync(decide, reviewer, new { reason = "x" }), HttpStatusCode.BadRequest, "missing-field");
        await Problems.AssertAsync(await host.PostAsync(decide, bob, new { grant = true, reason = "myself" }), HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(980, (await host.FileAsync(bob)).GetProperty("assessment").GetProperty("score").GetInt32());

        host.Clock.Advance(TimeSpan.FromDays(2));
        var decided = await DueProcessHost.Ok(host.PostAsync(decide, reviewer, new { grant = true, reason = "The utility confirms the cash payment in a letter; its record is delayed." }));
        Assert.Equal(("granted", "reviewer-1"), (decided.Text("state"), decided.Text("reviewer")));
        var twice = await host.PostAsync(decide, reviewer, new { grant = false, reason = "changed my mind" });
        Assert.Equal("already-decided", (await ApiHost.Json(twice)).GetProperty("refusals")[0].Text("code"));
        Assert.Empty((await DueProcessHost.Ok(host.GetAsync("/v1/review/queue", reviewer))).EnumerateArray());

        var file = await host.FileAsync(bob);
        Assert.Equal(1000, file.GetProperty("assessment").GetProperty("score").GetInt32());
        Assert.Equal("granted", Assert.Single(file.GetProperty("repairs").EnumerateArray()).Text("outcome"));
        Assert.Contains("cash payment", Assert.Single(file.GetProperty("appeals").EnumerateArray()).Text("reason"), StringComparison.Ordinal);
        Assert.Equal(["granted", "filed", "refused"], file.GetProperty("caseSteps").EnumerateArray().Select(s => s.Text("step")));
        Assert.Equal(["repair-refused", "repair-appealed", "appeal-decided"], await host.NoticeKindsAsync(bob));

        // The operator's summary counts the application as granted (on appeal), with its appeal and notices.
        var dueProcess = (await ApiHost.Json(await host.GetAsync("/v1/summary", host.OperatorKey))).GetProperty("counts").GetProperty("dueProcess");
        Assert.Equal((1, 0, 1, 3, 0), (dueProcess.GetProperty("repairsGranted").GetInt32(), dueProcess.GetProperty("repairsRefused").GetInt32(),
            dueProcess.GetProperty("appeals").GetInt32(), dueProcess.GetProperty("notices").GetInt32(), dueProcess.GetProperty("disputes").GetInt32()));
        Assert.Contains("reviewer-1: The utility confirms", (await host.NoticesAsync(bob))[0].GetProperty("reasons")[0].Text("text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reviewer_can_uphold_a_refusal_and_the_subject_is_told_when_to_apply_again()
    {
        await using var host = await ApiHost.StartAsync();
        var water = await host.KeyAsync("source", "city-water", recordTypes: ["late-utility-fees", "utility-arrears-paid"]);
        var bob = await host.SubjectAsync("bob", ApiHost.Bob);
        var reviewer = await host.KeyAsync("reviewer", "reviewer-1");
        await DueProcessHost.Created(host.PostAsync("/v1/records", water, DueProcessHost.LateUtility(ApiHost.Bob, "W-1", "2026-05-01T00:00:00Z")));
        var caseId = (await ApiHost.Json(await host.PostAsync("/v1/me/repairs", bob, new { source = "city-water", sourceRecordId = "W-1" }))).Text("caseId");
        var appeal = await DueProcessHost.Created(host.PostAsync($"/v1/me/repairs/{caseId}/appeal", bob, new { grounds = "please" }));
        var upheld = await DueProcessHost.Ok(host.PostAsync($"/v1/review/appeals/{appeal.Text("id")}", reviewer, new { grant = false, reason = "No payment is on record and the period is not served." }));
        Assert.Equal("upheld", upheld.Text("state"));
        Assert.Equal(980, (await host.FileAsync(bob)).GetProperty("assessment").GetProperty("score").GetInt32());
        var notice = (await host.NoticesAsync(bob))[0];
        Assert.Equal("appeal-decided", notice.Text("kind"));
        var steps = notice.GetProperty("nextSteps").EnumerateArray().ToList();
        Assert.Equal(["fulfil-obligation", "apply-for-repair"], steps.Select(s => s.Text("action")));
        Assert.Equal(new DateTimeOffset(2026, 8, 1, 0, 0, 0, TimeSpan.Zero), steps[1].Instant("from"));
        Assert.Equal(("appeal", appeal.Text("id")), (notice.GetProperty("about").Text("kind"), notice.GetProperty("about").Text("id")));
    }
}
