using System.Net;
using System.Text.Json;

namespace Credence.Api.Tests;

public class DisclosureApiTests
{
    private const string Script = "<script>alert('owned')</script>";

    private static object Withdrawal(string subject, string id) =>
        new { subject, type = "judgment-defaulter", area = "judicial", occurred = "2026-05-01T00:00:00Z", sourceRecordId = id, legalBasis = "(2026) Enforcement No. " + id, version = 2, action = "withdrawn", note = "wrong person" };

    /// <summary>Bob's story under the Sesame-style policy: good deeds, consent, a wrong court listing and its withdrawal, a decision and a share.</summary>
    private static async Task<string> BobsStoryAsync(ApiHost host)
    {
        await host.ActivateSesameAsync();
        var charity = await host.CharityAsync();
        var court = await host.CourtAsync();
        var bob = await host.KeyAsync("subject", "bob", subject: ApiHost.Bob);
        var landlord = await host.KeyAsync("relying-party", "elm-lettings", capabilities: ["deposit-free-rental"], purpose: "tenancy deposits");
        await host.GoodDeedsAsync(charity, ApiHost.Bob);
        host.Clock.Advance(TimeSpan.FromHours(1));
        await host.ConsentAsync(bob, true);
        host.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(HttpStatusCode.Created, (await host.PostAsync("/v1/records", court, SesameHost.Defaulter(ApiHost.Bob, "Z-1", Script))).StatusCode);
        await host.PostAsync("/v1/decisions", landlord, new { subject = ApiHost.Bob, measure = "deposit-free-rental" });
        host.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(HttpStatusCode.Created, (await host.PostAsync("/v1/records", court, Withdrawal(ApiHost.Bob, "Z-1"))).StatusCode);
        var share = await ApiHost.Json(await host.PostAsync("/v1/me/shares", bob, new { validFor = "7d", relyingParty = "elm-lettings" }));
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync("/v1/shared", landlord, new { code = share.GetProperty("code").GetString() })).StatusCode);
        return bob;
    }

    private static IEnumerable<string?> Actions(JsonElement disclosure) =>
        disclosure.GetProperty("accessLog").EnumerateArray().Select(e => e.GetProperty("action").GetString());

    [Fact]
    public async Task The_JSON_disclosure_is_the_whole_file_with_a_score_history_derived_from_what_is_stored()
    {
        await using var host = await ApiHost.StartAsync();
        var bob = await BobsStoryAsync(host);

        var response = await host.GetAsync("/v1/me/disclosure", bob);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var d = await ApiHost.Json(response);
        Assert.Equal((ApiHost.Bob, "person"), (d.GetProperty("subject").GetString(), d.GetProperty("kind").GetString()));
        Assert.Equal(5, d.GetProperty("records").GetArrayLength());
        Assert.Equal([1, 2], d.GetProperty("records").EnumerateArray().Where(r => r.GetProperty("sourceRecordId").GetString() == "Z-1").Select(r => r.GetProperty("version").GetInt32()));
        Assert.Equal((650, "Good"), (d.GetProperty("assessment").GetProperty("score").GetInt32(), d.GetProperty("assessment").GetProperty("grade").GetString()));

        // Each step of the history says when, why and under which policy.
        var history = d.GetProperty("scoreHistory").EnumerateArray().Select(p => (
            p.GetProperty("at").GetDateTimeOffset(),
            p.GetProperty("status").GetString(),
            p.TryGetProperty("score", out var s) ? s.GetInt32() : (int?)null,
            p.TryGetProperty("grade", out var g) ? g.GetString() : null,
            string.Join(",", p.GetProperty("lists").EnumerateArray().Select(l => l.GetString())))).ToList();
        var start = ApiHost.Start;
        Assert.Equal(
            [
                (start, "no-consent", null, null, ""),
                (start.AddHours(1), "scored", 650, "Good", ""),
                (start.AddHours(1).AddDays(1), "scored", 500, "Poor", "court-defaulters"),
                (start.AddHours(1).AddDays(2), "scored", 650, "Good", ""),
            ],
            history);
        var causes = d.GetProperty("scoreHistory").EnumerateArray().Select(p => p.GetProperty("cause").GetString()).ToList();
        Assert.Equal("consent given", causes[1]);
        Assert.Equal("record intermediate-court/Z-1 version 2 (withdrawn) reported", causes[3]);
        Assert.All(d.GetProperty("scoreHistory").EnumerateArray(), p => Assert.Equal(SesameHost.Policy, p.GetProperty("policyVersion").GetString()));

        var listing = d.GetProperty("listings")[0];
        Assert.Equal(("court-defaulters", start.AddHours(1).AddDays(2)), (listing.GetProperty("list").GetString(), listing.GetProperty("endedAt").GetDateTimeOffset()));
        // Deposit-free rental is a benefit: not granted (explained, with the path forward), not denied.
        Assert.Equal("not-granted", d.GetProperty("decisions")[0].GetProperty("outcome").GetString());
        Assert.True(d.GetProperty("consent")[0].GetProperty("given").GetBoolean());
        Assert.Equal(1, d.GetProperty("shares")[0].GetProperty("uses").GetInt32());
        Assert.False(d.GetProperty("shares")[0].TryGetProperty("code", out _));

        // The download is logged before the file is assembled, so the file shows it, first.
        var log = d.GetProperty("accessLog");
        Assert.Equal(("disclosure.download", "bob", "json"), (log[0].GetProperty("action").GetString(), log[0].GetProperty("principal").GetString(), log[0].GetProperty("detail").GetString()));
        foreach (var action in new[] { "consent.give", "share.create", "share.use", "decision", "record.withdrawn", "record.submitted" })
        {
            Assert.Contains(action, Actions(d));
        }

        var again = await ApiHost.Json(await host.GetAsync("/v1/me/disclosure", bob));
        Assert.Equal(2, Actions(again).Count(a => a == "disclosure.download"));
    }

    [Fact]
    public async Task The_score_history_has_steps_where_effects_end_and_where_a_new_policy_takes_over()
    {
        await using var host = await ApiHost.StartAsync();
        var transit = await host.KeyAsync("source", "metro", recordTypes: ["fare-evasion"]);
        var alice = await host.KeyAsync("subject", "alice", subject: ApiHost.Alice);
        await host.PostAsync("/v1/records", transit, new { subject = ApiHost.Alice, type = "fare-evasion", area = "administrative", occurred = "2026-05-01T00:00:00Z", sourceRecordId = "F-1", legalBasis = "Metro decision F-1" });
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero));
        await host.ActivateSesameAsync();
        host.Clock.Advance(TimeSpan.FromDays(1));

        var d = await ApiHost.Json(await host.GetAsync("/v1/me/disclosure", alice));
        var history = d.GetProperty("scoreHistory").EnumerateArray().Select(p => (
            p.GetProperty("at").GetDateTimeOffset(),
            p.GetProperty("policyVersion").GetString(),
            p.TryGetProperty("score", out var s) ? s.GetInt32() : (int?)null,
            p.GetProperty("cause").GetString())).ToList();
        Assert.Equal(
            [
                (ApiHost.Start, "rongcheng-persons@2026.1", 995, "record metro/F-1 version 1 (submitted) reported"),
                (new DateTimeOffset(2026, 8, 1, 0, 0, 0, TimeSpan.Zero), "rongcheng-persons@2026.1", 1000, "an effect, term or window ended"),
                (new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero), SesameHost.Policy, null, "policy sesame-persons@2026.1 in force"),
            ],
            history);
    }

    [Fact]
    public async Task The_HTML_disclosure_is_readable_self_contained_and_escapes_everything()
    {
        await using var host = await ApiHost.StartAsync();
        var bob = await BobsStoryAsync(host);

        var response = await host.GetAsync("/v1/me/disclosure.html", bob);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("text/html", "utf-8"), (response.Content.Headers.ContentType?.MediaType, response.Content.Headers.ContentType?.CharSet));
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var page = await response.Content.ReadAsStringAsync();

        Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
        foreach (var heading in new[] { "Your outcome now", "Score history", "Records", "Listings", "Decisions", "Consent to scoring", "Share codes", "Access log" })
        {
            Assert.Contains($"<h2>{heading}</h2>", page, StringComparison.Ordinal);
        }

        Assert.Contains("&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        foreach (var external in new[] { "http:", "https:", "<link", "<img", "src=", "@import" })
        {
            Assert.DoesNotContain(external, page, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("<td>intermediate-court/Z-1</td><td>2</td><td>withdrawn</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>elm-lettings</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>disclosure.download</td><td>free disclosure</td><td>ok</td><td>html</td>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_subject_downloads_its_disclosure()
    {
        await using var host = await ApiHost.StartAsync();
        var bob = await host.KeyAsync("subject", "bob", subject: ApiHost.Bob);
        var others = new[]
        {
            host.OperatorKey,
            await host.CourtAsync(),
            await host.KeyAsync("relying-party", "rail", capabilities: ["rail.g-train.ticket"], purpose: "tickets"),
            await host.KeyAsync("reviewer", "reviewer"),
            await host.KeyAsync("auditor", "auditor"),
        };

        foreach (var path in new[] { "/v1/me/disclosure", "/v1/me/disclosure.html" })
        {
            await Problems.AssertAsync(await host.GetAsync(path), HttpStatusCode.Unauthorized, "unauthorized");
            await Problems.AssertAsync(await host.GetAsync(path, "cred_" + new string('x', 43)), HttpStatusCode.Unauthorized, "unauthorized");
            foreach (var key in others)
            {
                await Problems.AssertAsync(await host.GetAsync(path, key), HttpStatusCode.Forbidden, "forbidden");
            }
        }

        // No refused attempt counts as a download (the FCRA deadline reads the downloads).
        var log = await ApiHost.Json(await host.GetAsync("/v1/access-log?limit=1000&purpose=check", others[^1]));
        var downloads = log.EnumerateArray().Where(e => e.GetProperty("action").GetString() == "disclosure.download").ToList();
        Assert.Equal(14, downloads.Count);
        Assert.All(downloads, e => Assert.NotEqual("ok", e.GetProperty("outcome").GetString()));
        var own = await ApiHost.Json(await host.GetAsync("/v1/me/disclosure", bob));
        Assert.Equal("disclosure.download", Actions(own).First());
    }
}
