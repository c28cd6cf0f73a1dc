using System.Net;
using System.Text.Json;

namespace Credence.Api.Tests.DueProcess;

/// <summary>The four stories of issue 4, end to end through the HTTP API, a real SQLite file and a manual clock.</summary>
public class StoryTests
{
    /// <summary>
    /// A court lists a defaulter under the wrong identifier; the wrongly listed person is denied a
    /// flight, disputes, and the court withdraws within its deadline: the listing and the score
    /// effect end, the denial is marked affected with the airline named, and the person's file and
    /// inbox show each step.
    /// </summary>
    [Fact]
    public async Task WrongPerson_is_delisted_within_the_deadline_and_the_flight_denial_is_marked_affected()
    {
        await using var host = await ApiHost.StartAsync();
        var court = await host.CourtAsync();
        var airline = await host.KeyAsync("relying-party", "china-eastern", capabilities: ["air.ticket"], purpose: "air ticket sales (SPC high-consumption rules)");
        var bob = await host.SubjectAsync("bob", ApiHost.Bob);

        // The court lists a defaulter under Bob's identifier by mistake.
        await DueProcessHost.Created(host.PostAsync("/v1/records", court, DueProcessHost.Defaulter(ApiHost.Bob, "(2026)Zhi-0412")));
        Assert.Equal(1, (await ApiHost.Json(await host.GetAsync("/v1/public/lists/court-defaulters"))).GetProperty("total").GetInt32());

        // Bob is denied a flight, with the listing as the reason.
        host.Clock.Advance(TimeSpan.FromHours(2));
        var denial = await DueProcessHost.Created(host.PostAsync("/v1/decisions", airline, new { subject = ApiHost.Bob, measure = "air.ticket" }));
        Assert.Equal("denied", denial.Text("outcome"));
        var cause = Assert.Single(denial.GetProperty("reasons").EnumerateArray());
        Assert.Equal("LISTED.court-defaulters", cause.Text("code"));
        Assert.Equal(DueProcessHost.Court + "/(2026)Zhi-0412", Assert.Single(cause.GetProperty("records").EnumerateArray()).GetString());

        // He disputes; the record is flagged at once and, as its type says, keeps counting.
        host.Clock.Advance(TimeSpan.FromDays(1));
        var dispute = await DueProcessHost.Created(host.PostAsync("/v1/me/disputes", bob, new
        {
            source = DueProcessHost.Court, sourceRecordId = "(2026)Zhi-0412", reason = "I have never been a party to this case", evidence = "copy of my identity card",
        }));
        Assert.Equal("open", dispute.Text("state"));
        Assert.Equal(dispute.Instant("openedAt").AddDays(15), dispute.Instant("dueAt"));
        var flagged = (await host.FileAsync(bob)).GetProperty("assessment");
        Assert.True(flagged.GetProperty("contributions")[0].GetProperty("disputed").GetBoolean());
        Assert.Equal("court-defaulters", flagged.GetProperty("listings")[0].Text("list"));

        // The court sees the dispute and withdraws the record two days later, within its deadline.
        var open = await DueProcessHost.Ok(host.GetAsync("/v1/disputes", court));
        Assert.Equal(dispute.Text("id"), Assert.Single(open.EnumerateArray()).Text("id"));
        host.Clock.Advance(TimeSpan.FromDays(2));
        var answered = await DueProcessHost.Ok(host.PostAsync($"/v1/disputes/{dispute.Text("id")}/answer", court, new { answer = "withdraw", reason = "identifier mix-up: the defaulter is another person" }));
        Assert.Equal(("withdrawn", 2), (answered.Text("state"), answered.GetProperty("answerVersion").GetInt32()));
        Assert.True(answered.Instant("closedAt") < answered.Instant("dueAt"));

        // The listing, the score effect and the restriction are reversed; the denial is marked affected.
        Assert.Equal(0, (await ApiHost.Json(await host.GetAsync("/v1/public/lists/court-defaulters"))).GetProperty("total").GetInt32());
        var file = await host.FileAsync(bob);
        var assessment = file.GetProperty("assessment");
        Assert.Equal(0, assessment.GetProperty("listings").GetArrayLength());
        Assert.Equal(1000, assessment.GetProperty("score").GetInt32());
        var mark = Assert.Single(file.GetProperty("affectedDecisions").EnumerateArray());
        Assert.Equal((denial.Text("decisionId"), "china-eastern", true), (mark.Text("decisionId"), mark.Text("relyingParty"), mark.GetProperty("correctedAllowed").GetBoolean()));
        Assert.Equal("allowed", (await DueProcessHost.Created(host.PostAsync("/v1/decisions", airline, new { subject = ApiHost.Bob, measure = "air.ticket" }))).Text("outcome"));

        // The airline is told: its affected decisions list the denial with the corrected answer, and so does the decision itself.
        var told = Assert.Single((await DueProcessHost.Ok(host.GetAsync("/v1/decisions/affected", airline))).EnumerateArray());
        Assert.Equal((denial.Text("decisionId"), "denied", "allowed"), (told.Text("decisionId"), told.Text("outcome"), told.GetProperty("affected").Text("correctedOutcome")));
        var again = await DueProcessHost.Ok(host.GetAsync($"/v1/decisions/{denial.Text("decisionId")}", airline));
        Assert.Equal("allowed", again.GetProperty("affected").Text("correctedOutcome"));
        Assert.Empty((await DueProcessHost.Ok(host.GetAsync($"/v1/decisions/affected?after={Uri.EscapeDataString(told.GetProperty("affected").Text("markedAt")!)}", airline))).EnumerateArray());
        var otherAirline = await host.KeyAsync("relying-party", "other-airline", capabilities: ["air.ticket"], purpose: "air ticket sales");
        Assert.Empty((await DueProcessHost.Ok(host.GetAsync("/v1/decisions/affected", otherAirline))).EnumerateArray());
        await Problems.AssertAsync(await host.GetAsync("/v1/decisions/affected", bob), HttpStatusCode.Forbidden, "forbidden");
        Assert.Contains((await host.FileAsync(bob)).GetProperty("accessLog").EnumerateArray(), e => e.Text("action") == "decision.affected.read" && e.Text("principal") == "china-eastern");

        // Bob's file shows each step, and his inbox each notice with its reasons and next steps.
        Assert.Equal(["answered.withdraw", "opened"], file.GetProperty("caseSteps").EnumerateArray().Select(s => s.Text("step")));
        Assert.Equal("withdrawn", Assert.Single(file.GetProperty("disputes").EnumerateArray()).Text("state"));
        Assert.Equal(["submitted", "withdrawn"], file.GetProperty("records").EnumerateArray().Select(r => r.Text("action")));
        Assert.Equal(["listed", "adverse-decision", "dispute-opened", "dispute-answered", "delisted", "decision-affected"], await host.NoticeKindsAsync(bob));
        var notices = await host.NoticesAsync(bob);
        var affected = notices[0];
        Assert.Contains("china-eastern", affected.Text("title"), StringComparison.Ordinal);
        Assert.Equal("rongcheng-persons@2026.1", affected.Text("policyVersion"));
        var adverse = notices.EnumerateArray().Single(n => n.Text("kind") == "adverse-decision");
        Assert.Equal("LISTED.court-defaulters", Assert.Single(adverse.GetProperty("reasons").EnumerateArray()).Text("code"));
        Assert.Equal(denial.Text("decisionId"), adverse.GetProperty("about").Text("id"));
        Assert.Contains(adverse.GetProperty("nextSteps").EnumerateArray(), s => s.Text("action") == "dispute");
    }

    /// <summary>
    /// Utility arrears during an illness lower the grade; the arrears are paid; repair is refused
    /// before the minimum period with the date it is served, granted once it is, and the grade is restored.
    /// </summary>
    [Fact]
    public async Task Hardship_repair_is_refused_before_the_minimum_period_with_its_date_then_granted_and_the_grade_restored()
    {
        await using var host = await ApiHost.StartAsync();
        var water = await host.KeyAsync("source", "city-water", recordTypes: ["late-utility-fees", "utility-arrears-paid"]);
        var bob = await host.SubjectAsync("bob", ApiHost.Bob);
        Assert.Equal("A", (await host.FileAsync(bob)).GetProperty("assessment").Text("grade"));

        // Three months of arrears while Bob was ill: the grade falls from A to B.
        foreach (var (id, occurred) in new[] { ("W-0401", "2026-04-01T00:00:00Z"), ("W-0415", "2026-04-15T00:00:00Z"), ("W-0501", "2026-05-01T00:00:00Z") })
        {
            await DueProcessHost.Created(host.PostAsync("/v1/records", water, DueProcessHost.LateUtility(ApiHost.Bob, id, occurred)));
        }

        Assert.Equal(("B", 940), Grade(await host.FileAsync(bob)));

        // The arrears are paid.
        await DueProcessHost.Created(host.PostAsync("/v1/records", water, new
        {
            subject = ApiHost.Bob, type = "utility-arrears-paid", area = "social", occurred = "2026-05-30T00:00:00Z", sourceRecordId = "W-PAID", legalBasis = "Receipt W-PAID",
        }));

        // Too early: refused, with the date the minimum period (3 months for general records) is served.
        var early = await host.PostAsync("/v1/me/repairs", bob, new { source = "city-water", sourceRecordId = "W-0401" });
        await Problems.AssertAsync(early, HttpStatusCode.UnprocessableEntity, "repair-refused");
        var problem = await ApiHost.Json(early);
        var unmet = Assert.Single(problem.GetProperty("refusals").EnumerateArray());
        Assert.Equal("minimum-period-not-served", unmet.Text("code"));
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero), unmet.Instant("metAt"));
        Assert.False(string.IsNullOrEmpty(problem.Text("caseId")));
        Assert.Equal(("B", 940), Grade(await host.FileAsync(bob)));

        // On the day it is served: granted at once, and the grade is restored.
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 7, 1, 9, 0, 0, TimeSpan.Zero));
        var granted = await DueProcessHost.Created(host.PostAsync("/v1/me/repairs", bob, new { source = "city-water", sourceRecordId = "W-0401" }));
        Assert.Equal(("granted", "city-water/W-PAID"), (granted.Text("outcome"), granted.Text("fulfilledBy")));
        Assert.Equal(host.Clock.GetUtcNow(), granted.Instant("effectiveAt"));
        var file = await host.FileAsync(bob);
        Assert.Equal(("A", 960), Grade(file));
        Assert.Equal(["refused", "granted"], file.GetProperty("repairs").EnumerateArray().Select(r => r.Text("outcome")));
        Assert.Contains(file.GetProperty("assessment").GetProperty("inactive").EnumerateArray(), i => i.Text("reason") == "repaired");
        Assert.Equal(["repair-refused", "repair-granted"], await host.NoticeKindsAsync(bob));
        var refusal = (await host.NoticesAsync(bob))[1];
        Assert.Contains(refusal.GetProperty("nextSteps").EnumerateArray(), s => s.Text("action") == "apply-for-repair" && s.Instant("from") == new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero));
    }

    /// <summary>
    /// A disputed tax record whose source never answers is resolved for the subject exactly at the
    /// deadline (FCRA: 30 days; the type keeps counting while disputed): a tick before it is still
    /// open and counting; at the deadline it is removed and the source is told. A restart in between loses nothing.
    /// </summary>
    [Fact]
    public async Task Silence_resolves_an_unanswered_tax_dispute_for_the_subject_exactly_at_the_deadline()
    {
        await using var host = await ApiHost.StartAsync();
        await ActivateAsync(host, FcraVariant());
        var tax = await host.KeyAsync("source", "tax-bureau", recordTypes: ["tax-evasion"]);
        var bob = await host.SubjectAsync("bob", ApiHost.Bob);
        await DueProcessHost.Created(host.PostAsync("/v1/records", tax, DueProcessHost.Tax(ApiHost.Bob, "T-2026-9")));
        Assert.Equal(950, Score(await host.FileAsync(bob)));

        host.Clock.Advance(TimeSpan.FromHours(3));
        var dispute = await DueProcessHost.Created(host.PostAsync("/v1/me/disputes", bob, new { source = "tax-bureau", sourceRecordId = "T-2026-9", reason = "the company was never mine" }));
        var due = dispute.Instant("dueAt");
        Assert.Equal(dispute.Instant("openedAt").AddDays(30), due);
        Assert.Equal(950, Score(await host.FileAsync(bob)));

        await host.RestartAsync();

        // One tick before the deadline: still open, still counting, still the source's to answer.
        await host.RunAtAsync(due.AddTicks(-1));
        Assert.Equal("open", Assert.Single((await DueProcessHost.Ok(host.GetAsync("/v1/me/disputes", bob))).EnumerateArray()).Text("state"));
        Assert.Equal(950, Score(await host.FileAsync(bob)));
        Assert.Single((await DueProcessHost.Ok(host.GetAsync("/v1/disputes", tax))).EnumerateArray());

        // At the deadline: resolved for Bob, the record removed as of that instant, the source told.
        await host.RunAtAsync(due);
        var resolved = Assert.Single((await DueProcessHost.Ok(host.GetAsync("/v1/me/disputes", bob))).EnumerateArray());
        Assert.Equal(("resolved-for-subject", due), (resolved.Text("state"), resolved.Instant("closedAt")));
        var file = await host.FileAsync(bob);
        Assert.Equal(1000, Score(file));
        var removal = file.GetProperty("records").EnumerateArray().Single(r => r.Text("action") == "withdrawn");
        Assert.Equal(due, removal.Instant("reported"));
        Assert.Equal("tax-bureau", removal.Text("source"));
        Assert.Empty((await DueProcessHost.Ok(host.GetAsync("/v1/disputes", tax))).EnumerateArray());
        var told = Assert.Single((await DueProcessHost.Ok(host.GetAsync("/v1/disputes?state=closed", tax))).EnumerateArray());
        Assert.Equal(("resolved-for-subject", dispute.Text("id")), (told.Text("state"), told.Text("id")));
        await Problems.AssertAsync(await host.PostAsync($"/v1/disputes/{dispute.Text("id")}/answer", tax, new { answer = "verify", reason = "late" }), HttpStatusCode.UnprocessableEntity, "dispute-refused");

        // A tick after, and again later: nothing more happens.
        await host.RunAtAsync(due.AddTicks(1));
        await host.RunAtAsync(due.AddDays(1));
        Assert.Equal(["dispute-opened", "dispute-resolved-for-subject"], await host.NoticeKindsAsync(bob));
        var notice = (await host.NoticesAsync(bob))[0];
        Assert.Equal((due, "rongcheng-persons@2026.1-fcra"), (notice.Instant("at"), notice.Text("policyVersion")));
        Assert.Equal(["resolved-for-subject", "opened"], file.GetProperty("caseSteps").EnumerateArray().Select(s => s.Text("step")));
        Assert.Equal("registry", file.GetProperty("caseSteps")[0].Text("actor"));
    }

    /// <summary>A court defaulter listing on a 2-year term ends by itself at its instant, announced a week before and at the end, driven by the scheduler on the manual clock across a restart.</summary>
    [Fact]
    public async Task FixedTerm_defaulter_listing_ends_by_itself_at_its_instant_with_a_notice()
    {
        await using var host = await ApiHost.StartAsync();
        var court = await host.CourtAsync();
        var bob = await host.SubjectAsync("bob", ApiHost.Bob);
        await DueProcessHost.Created(host.PostAsync("/v1/records", court, DueProcessHost.Defaulter(ApiHost.Bob, "(2026)Zhi-0100")));
        var listing = (await host.FileAsync(bob)).GetProperty("listings")[0];
        var end = new DateTimeOffset(2028, 5, 20, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(end, listing.Instant("until"));
        var warning = end.AddDays(-7);

        await host.RunAtAsync(warning.AddTicks(-1));
        Assert.Equal(["listed"], await host.NoticeKindsAsync(bob));
        await host.RunAtAsync(warning);
        Assert.Equal(["listed", "expiry-approaching", "expiry-approaching"], await host.NoticeKindsAsync(bob));
        Assert.Contains((await host.NoticesAsync(bob)).EnumerateArray(), n => n.Text("title").StartsWith("Your listing on court-defaulters ends on 2028-05-20", StringComparison.Ordinal));

        await host.RestartAsync();

        await host.RunAtAsync(end.AddTicks(-1));
        Assert.Equal(1, (await ApiHost.Json(await host.GetAsync("/v1/public/lists/court-defaulters"))).GetProperty("total").GetInt32());
        Assert.Equal(3, (await host.NoticesAsync(bob)).GetArrayLength());

        await host.RunAtAsync(end);
        Assert.Equal(0, (await ApiHost.Json(await host.GetAsync("/v1/public/lists/court-defaulters"))).GetProperty("total").GetInt32());
        var delisted = (await host.NoticesAsync(bob))[0];
        Assert.Equal(("delisted", end), (delisted.Text("kind"), delisted.Instant("at")));
        Assert.Contains("term ended", delisted.GetProperty("reasons")[0].Text("text"), StringComparison.Ordinal);
        Assert.Equal(end, (await host.FileAsync(bob)).GetProperty("listings")[0].Instant("endedAt"));

        await host.RunAtAsync(end.AddTicks(1));
        Assert.Equal(4, (await host.NoticesAsync(bob)).GetArrayLength());
        Assert.Equal(end, await host.Server.Registry.Scheduler.AfterAsync());
    }

    private static (string, int) Grade(JsonElement file) =>
        (file.GetProperty("assessment").Text("grade"), file.GetProperty("assessment").GetProperty("score").GetInt32());

    private static int Score(JsonElement file) => file.GetProperty("assessment").GetProperty("score").GetInt32();

    /// <summary>The sample persons policy under the FCRA profile: 30-day disputes, tax records keep counting while disputed, no published list.</summary>
    internal static string FcraVariant() =>
        ApiHost.PolicyText("rongcheng-persons.yaml")
            .Replace("version: \"2026.1\"", "version: \"2026.1-fcra\"", StringComparison.Ordinal)
            .Replace("profile: prc-credit-repair", "profile: fcra", StringComparison.Ordinal)
            .Replace("response-time: 15d", "response-time: 30d", StringComparison.Ordinal)
            .Replace("published: true", "published: false", StringComparison.Ordinal)
            .Replace("    per-unit: { points: -1, per: 10000, unit: yuan, max-steps: 50 }\n", "    per-unit: { points: -1, per: 10000, unit: yuan, max-steps: 50 }\n    counts-while-disputed: true\n", StringComparison.Ordinal);

    internal static async Task ActivateAsync(ApiHost host, string yaml)
    {
        var upload = await host.SendAsync(HttpMethod.Post, "/v1/policies", host.OperatorKey, ApiHost.Yaml(yaml));
        var body = await upload.Content.ReadAsStringAsync();
        Assert.True(upload.IsSuccessStatusCode, body);
        var tag = JsonDocument.Parse(body).RootElement.GetProperty("tag").GetString()!;
        await host.SignOffAsync(tag);
        (await host.SendAsync(HttpMethod.Post, $"/v1/policies/{tag}/activations", host.OperatorKey)).EnsureSuccessStatusCode();
    }
}
