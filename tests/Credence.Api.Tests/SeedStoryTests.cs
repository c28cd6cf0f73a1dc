using System.Net;
using System.Text.Json;

namespace Credence.Api.Tests;

public class SeedStoryTests
{
    /// <summary>
    /// A court lists a judgment defaulter; a G-train ticket request is denied with the defaulter
    /// listing as the reason; the court records that the judgment was performed; the listing ends;
    /// the ticket is allowed; the subject's file shows every step and every read.
    /// </summary>
    [Fact]
    public async Task The_seed_story_over_HTTP()
    {
        await using var host = await ApiHost.StartAsync();
        var court = await host.CourtAsync();
        var rail = await host.KeyAsync("relying-party", "china-railway", capabilities: ["rail.g-train.ticket"], purpose: "G-train ticket sales (SPC high-consumption rules)");
        var bob = await host.KeyAsync("subject", "bob", subject: ApiHost.Bob);

        // 1. The court lists Bob as a judgment defaulter.
        var listed = await host.PostAsync("/v1/records", court, new
        {
            subject = ApiHost.Bob, type = "judgment-defaulter", area = "judicial", occurred = "2026-05-20T00:00:00Z",
            sourceRecordId = "(2026)Zhi-0412", legalBasis = "(2026) Enforcement No. 0412",
        });
        Assert.Equal(HttpStatusCode.Created, listed.StatusCode);
        var page = await ApiHost.Json(await host.GetAsync("/v1/public/lists/court-defaulters"));
        Assert.Equal(1, page.GetProperty("total").GetInt32());

        // 2. A G-train ticket is denied, with the listing (and the record it rests on) as its only reason:
        //    the judgment's points are the file's business, not the ticket's.
        host.Clock.Advance(TimeSpan.FromHours(2));
        var denied = await host.PostAsync("/v1/decisions", rail, new { subject = ApiHost.Bob, measure = "rail.g-train.ticket" });
        Assert.Equal(HttpStatusCode.Created, denied.StatusCode);
        var deniedBody = await ApiHost.Json(denied);
        Assert.Equal("denied", deniedBody.GetProperty("outcome").GetString());
        var reasons = deniedBody.GetProperty("reasons");
        Assert.Equal("LISTED.court-defaulters", Assert.Single(reasons.EnumerateArray()).GetProperty("code").GetString());
        Assert.Equal("intermediate-court/(2026)Zhi-0412", Assert.Single(reasons[0].GetProperty("records").EnumerateArray()).GetString());
        Assert.Contains(deniedBody.GetProperty("forward").EnumerateArray(), f => f.GetProperty("code").GetString() == "listing-ends");
        Assert.Equal("rongcheng-persons@2026.1", deniedBody.GetProperty("policyVersion").GetString());

        // 3. The court records that the judgment was performed: the listing ends.
        host.Clock.Advance(TimeSpan.FromDays(2));
        var performed = await host.PostAsync("/v1/records", court, new
        {
            subject = ApiHost.Bob, type = "judgment-performed", area = "judicial", occurred = "2026-06-03T00:00:00Z",
            sourceRecordId = "(2026)Zhi-0412-P", legalBasis = "Performance confirmed, (2026) Enforcement No. 0412",
        });
        Assert.Equal(HttpStatusCode.Created, performed.StatusCode);
        Assert.Equal(0, (await ApiHost.Json(await host.GetAsync("/v1/public/lists/court-defaulters"))).GetProperty("total").GetInt32());

        // 4. The ticket is allowed.
        host.Clock.Advance(TimeSpan.FromHours(1));
        var allowed = await ApiHost.Json(await host.PostAsync("/v1/decisions", rail, new { subject = ApiHost.Bob, measure = "rail.g-train.ticket" }));
        Assert.Equal("allowed", allowed.GetProperty("outcome").GetString());
        Assert.Equal(0, allowed.GetProperty("reasons").GetArrayLength());

        // 5. Bob's file shows every step and every read.
        host.Clock.Advance(TimeSpan.FromHours(1));
        var file = await ApiHost.Json(await host.GetAsync("/v1/me", bob));
        Assert.Equal(2, file.GetProperty("records").GetArrayLength());
        Assert.Equal(["allowed", "denied"], file.GetProperty("decisions").EnumerateArray().Select(d => d.GetProperty("outcome").GetString()));
        var listing = file.GetProperty("listings")[0];
        Assert.Equal("court-defaulters", listing.GetProperty("list").GetString());
        Assert.Equal("2026-06-03T10:00:00+00:00", listing.GetProperty("endedAt").GetString());
        var assessment = file.GetProperty("assessment");
        Assert.Equal(0, assessment.GetProperty("listings").GetArrayLength());
        Assert.Equal(900, assessment.GetProperty("score").GetInt32());

        var log = file.GetProperty("accessLog").EnumerateArray().Select(e => (Action: e.GetProperty("action").GetString(), Who: e.GetProperty("principal").GetString())).ToList();
        Assert.Equal(
            [("subject.read", "bob"), ("decision", "china-railway"), ("record.submitted", "intermediate-court"), ("decision", "china-railway"), ("key.create", "admin"), ("record.submitted", "intermediate-court")],
            log);
        Assert.Equal("G-train ticket sales (SPC high-consumption rules)", file.GetProperty("accessLog")[1].GetProperty("purpose").GetString());

        // The read of the file was itself logged: the next read shows the previous one too.
        var again = await ApiHost.Json(await host.GetAsync("/v1/me", bob));
        Assert.Equal(2, again.GetProperty("accessLog").EnumerateArray().Count(e => e.GetProperty("action").GetString() == "subject.read"));
    }
}
