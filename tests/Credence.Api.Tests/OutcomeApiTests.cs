using System.Net;

namespace Credence.Api.Tests;

/// <remarks>
/// The tests share a host (<see cref="SharedHost"/>) under subjects of their own; the tests of the published list (its total
/// counts every listed subject) and of a restart start their own.
/// </remarks>
public class OutcomeApiTests(SharedHost shared) : SharedHostTests(shared)
{
    private static object Defaulter(string subject, string id) =>
        new { subject, type = "judgment-defaulter", area = "judicial", occurred = "2026-05-01T00:00:00Z", sourceRecordId = id, legalBasis = "(2026) Enforcement No. " + id };

    [Fact]
    public async Task Decisions_are_refused_for_what_the_relying_party_may_not_ask_and_kept_with_their_policy_version()
    {
        var host = await HostAsync();
        var court = await host.CourtAsync();
        var rail = await host.KeyAsync("relying-party", "rail", capabilities: ["restrict-g-train"], purpose: "tickets");
        var (bob, unknown) = (Unique.Person(), Unique.Person());
        Assert.Equal(HttpStatusCode.Created, (await host.PostAsync("/v1/records", court, Defaulter(bob, Unique.Id("Z")))).StatusCode);

        await Problems.AssertAsync(await host.PostAsync("/v1/decisions", rail, new { subject = bob, measure = "air.ticket" }), HttpStatusCode.Forbidden, "measure-not-permitted");
        await Problems.AssertAsync(await host.PostAsync("/v1/decisions", rail, new { subject = bob, measure = "moon.ticket" }), HttpStatusCode.UnprocessableEntity, "unknown-measure");
        await Problems.AssertAsync(await host.PostAsync("/v1/decisions", rail, new { subject = "110105194912310021", measure = "rail.g-train.ticket" }), HttpStatusCode.UnprocessableEntity, "invalid-identifier");
        await Problems.AssertAsync(await host.PostAsync("/v1/decisions", rail, new { subject = bob }), HttpStatusCode.BadRequest, "missing-field");
        await Problems.AssertAsync(await host.SendAsync(HttpMethod.Post, "/v1/decisions", rail, ApiHost.Text("{", "application/json")), HttpStatusCode.BadRequest, "malformed-json");

        var decided = await ApiHost.Json(await host.PostAsync("/v1/decisions", rail, new { subject = bob, measure = "rail.g-train.ticket" }));
        var id = decided.GetProperty("decisionId").GetString();
        var fetched = await ApiHost.Json(await host.GetAsync("/v1/decisions/" + id, rail));
        Assert.Equal(("denied", "rongcheng-persons@2026.1"), (fetched.GetProperty("outcome").GetString(), fetched.GetProperty("policyVersion").GetString()));

        var unknownSubject = await ApiHost.Json(await host.PostAsync("/v1/decisions", rail, new { subject = unknown, measure = "rail.g-train.ticket" }));
        Assert.Equal("allowed", unknownSubject.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Subject_files_for_the_subject_reviewers_and_auditors()
    {
        var host = await HostAsync();
        var court = await host.CourtAsync();
        var (bob, aliceId, aliceName) = (Unique.Person(), Unique.Person(), Unique.Id("alice"));
        Assert.Equal(HttpStatusCode.Created, (await host.PostAsync("/v1/records", court, Defaulter(bob, Unique.Id("Z")))).StatusCode);
        var alice = await host.KeyAsync("subject", aliceName, subject: aliceId);
        var reviewer = await host.KeyAsync("reviewer", "reviewer");

        await Problems.AssertAsync(await host.GetAsync("/v1/subjects/" + bob, alice), HttpStatusCode.Forbidden, "forbidden");
        await Problems.AssertAsync(await host.GetAsync("/v1/subjects/" + bob, reviewer), HttpStatusCode.BadRequest, "purpose-required");
        await Problems.AssertAsync(await host.GetAsync("/v1/subjects/12345?purpose=x", reviewer), HttpStatusCode.UnprocessableEntity, "invalid-identifier");

        var file = await ApiHost.Json(await host.GetAsync("/v1/subjects/" + bob + "?purpose=dispute%20D-7", reviewer));
        var assessment = file.GetProperty("assessment");
        Assert.Equal(("B", 900), (assessment.GetProperty("grade").GetString(), assessment.GetProperty("score").GetInt32()));
        Assert.Equal(-100, assessment.GetProperty("areaSubtotals").GetProperty("judicial").GetInt32());
        Assert.Equal("court-defaulters", assessment.GetProperty("listings")[0].GetProperty("list").GetString());
        Assert.True(assessment.GetProperty("measures").GetArrayLength() > 0);
        Assert.Equal("LISTED.court-defaulters", assessment.GetProperty("keyReasons")[0].GetProperty("code").GetString());
        Assert.True(assessment.GetProperty("pathForward").GetProperty("listingExits").GetArrayLength() > 0);
        Assert.Equal("judicial", file.GetProperty("records")[0].GetProperty("area").GetString());
        var log = file.GetProperty("accessLog");
        Assert.Equal(("reviewer", "dispute D-7"), (log[0].GetProperty("principal").GetString(), log[0].GetProperty("purpose").GetString()));
        Assert.Contains(log.EnumerateArray(), e => e.GetProperty("principal").GetString() == aliceName && e.GetProperty("outcome").GetString() == "forbidden");

        var own = await ApiHost.Json(await host.GetAsync("/v1/me", alice));
        Assert.Equal((aliceId, 1000), (own.GetProperty("subject").GetString(), own.GetProperty("assessment").GetProperty("score").GetInt32()));
    }

    [Fact]
    public async Task Public_lookups_never_show_a_person_and_page_published_lists()
    {
        await using var host = await ApiHost.StartAsync();
        var court = await host.CourtAsync();
        var tax = await host.KeyAsync("source", "tax-bureau", recordTypes: ["tax-evasion"]);
        await host.PostAsync("/v1/records", court, Defaulter(ApiHost.Bob, "Z-1"));
        await host.PostAsync("/v1/records", court, Defaulter(ApiHost.Alice, "Z-2"));
        await host.PostAsync("/v1/records", tax, new { subject = ApiHost.Acme, type = "tax-evasion", area = "administrative", occurred = "2026-04-01T00:00:00Z", sourceRecordId = "T-1", legalBasis = "Decision T-1" });

        var acme = await ApiHost.Json(await host.GetAsync("/v1/public/organisations/" + ApiHost.Acme));
        Assert.Equal(("B", "serious-violators"), (acme.GetProperty("grade").GetString(), acme.GetProperty("listings")[0].GetProperty("list").GetString()));
        Assert.False(acme.TryGetProperty("score", out _));
        await Problems.AssertAsync(await host.GetAsync("/v1/public/organisations/" + ApiHost.Bob), HttpStatusCode.NotFound, "not-public");
        await Problems.AssertAsync(await host.GetAsync("/v1/public/organisations/nonsense"), HttpStatusCode.UnprocessableEntity, "invalid-identifier");

        var first = await ApiHost.Json(await host.GetAsync("/v1/public/lists/court-defaulters?page=1&pageSize=1"));
        var second = await ApiHost.Json(await host.GetAsync("/v1/public/lists/court-defaulters?page=2&pageSize=1"));
        Assert.Equal(2, first.GetProperty("total").GetInt32());
        var subjects = new[] { first, second }.Select(p => p.GetProperty("entries")[0].GetProperty("subject").GetString()).ToList();
        Assert.Equal(["110105********002X", "440524********0014"], subjects.Order());
        Assert.DoesNotContain(ApiHost.Bob, first.GetRawText() + second.GetRawText(), StringComparison.Ordinal);

        await Problems.AssertAsync(await host.GetAsync("/v1/public/lists/honest-citizens"), HttpStatusCode.NotFound, "not-found");
        await Problems.AssertAsync(await host.GetAsync("/v1/public/lists/court-defaulters?pageSize=100000"), HttpStatusCode.UnprocessableEntity, "bad-value");
        await Problems.AssertAsync(await host.GetAsync("/v1/public/lists/court-defaulters?page=abc"), HttpStatusCode.UnprocessableEntity, "bad-value");
    }

    [Fact]
    public async Task Health_OpenAPI_docs_and_unknown_routes()
    {
        var host = await HostAsync();
        var health = await ApiHost.Json(await host.GetAsync("/healthz"));
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal(2, health.GetProperty("activePolicies").GetArrayLength());

        var openapi = await ApiHost.Json(await host.GetAsync("/openapi/v1.json"));
        var paths = openapi.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/v1/records/batch", paths);
        Assert.Contains("/v1/decisions", paths);
        Assert.Contains("/v1/public/lists/{list}", paths);

        var docs = await host.GetAsync("/docs/");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Contains("openapi/v1.json", await docs.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Problems.AssertAsync(await host.GetAsync("/v2/nothing"), HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task A_restart_on_the_same_database_keeps_everything()
    {
        await using var host = await ApiHost.StartAsync();
        var court = await host.CourtAsync();
        var rail = await host.KeyAsync("relying-party", "rail", capabilities: ["rail.g-train.ticket"], purpose: "tickets");
        await host.PostAsync("/v1/records", court, Defaulter(ApiHost.Bob, "Z-1"));
        var decisions = new List<string>();
        foreach (var subject in new[] { ApiHost.Bob, ApiHost.Alice })
        {
            decisions.Add((await ApiHost.Json(await host.PostAsync("/v1/decisions", rail, new { subject, measure = "rail.g-train.ticket" }))).GetProperty("decisionId").GetString()!);
        }

        await host.RestartAsync();

        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync("/v1/records", court, Defaulter(ApiHost.Bob, "Z-1"))).StatusCode);
        foreach (var id in decisions)
        {
            Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/v1/decisions/" + id, rail)).StatusCode);
        }

        var summary = await ApiHost.Json(await host.GetAsync("/v1/summary", host.OperatorKey));
        Assert.Equal((1, 1, 2), (summary.GetProperty("counts").GetProperty("subjects").GetInt32(), summary.GetProperty("counts").GetProperty("recordVersions").GetInt32(), summary.GetProperty("counts").GetProperty("decisions").GetInt32()));
        Assert.Equal(1, (await ApiHost.Json(await host.GetAsync("/v1/public/lists/court-defaulters"))).GetProperty("total").GetInt32());
    }
}
