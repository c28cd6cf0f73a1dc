using System.Net;
using Credence.Core.Scoring;

namespace Credence.Api.Tests;

/// <remarks>
/// The tests under the sample policies share a host (<see cref="SharedHost"/>) under subjects of their own; the tests that
/// activate the Sesame-style policy start their own.
/// </remarks>
public class ConsentApiTests(SharedHost shared) : SharedHostTests(shared)
{
    [Fact]
    public async Task Under_a_policy_that_requires_consent_it_brings_a_score_and_rewards_and_withdrawing_it_takes_them_away()
    {
        await using var host = await ApiHost.StartAsync();
        await host.ActivateSesameAsync();
        var charity = await host.CharityAsync();
        var bob = await host.KeyAsync("subject", "bob", subject: ApiHost.Bob);
        var landlord = await host.KeyAsync("relying-party", "elm-lettings", capabilities: ["deposit-free-rental"], purpose: "tenancy deposits");
        await host.GoodDeedsAsync(charity, ApiHost.Bob);

        // No consent: no score, no grade, no reward; the stored state says so too.
        var before = await ApiHost.Json(await host.GetAsync("/v1/me", bob));
        Assert.Equal("no-consent", before.GetProperty("assessment").GetProperty("status").GetString());
        Assert.False(before.GetProperty("assessment").TryGetProperty("score", out _));
        Assert.Equal(ScoreStatus.NoConsent, (await host.Server.Registry.Store.ReadAsync(r => r.FindSubjectState(ApiHost.Bob)))!.Status);
        var denied = await ApiHost.Json(await host.PostAsync("/v1/decisions", landlord, new { subject = ApiHost.Bob, measure = "deposit-free-rental" }));
        Assert.Equal("not-granted", denied.GetProperty("outcome").GetString());
        Assert.Equal("NO-CONSENT", Assert.Single(denied.GetProperty("reasons").EnumerateArray()).GetProperty("code").GetString());
        Assert.Equal("give-consent", Assert.Single(denied.GetProperty("forward").EnumerateArray()).GetProperty("code").GetString());

        // Giving consent re-scores at once (the stored state too) and opens the reward.
        host.Clock.Advance(TimeSpan.FromHours(1));
        var given = await host.ConsentAsync(bob, true);
        Assert.Equal(HttpStatusCode.OK, given.StatusCode);
        var view = await ApiHost.Json(given);
        Assert.Equal((true, true, true, SesameHost.Policy), (view.GetProperty("given").GetBoolean(), view.GetProperty("changed").GetBoolean(), view.GetProperty("consentRequired").GetBoolean(), view.GetProperty("policyVersion").GetString()));
        Assert.Equal(("scored", 650, "Good"), (view.GetProperty("status").GetString(), view.GetProperty("score").GetInt32(), view.GetProperty("grade").GetString()));
        var state = (await host.Server.Registry.Store.ReadAsync(r => r.FindSubjectState(ApiHost.Bob)))!;
        Assert.Equal((ScoreStatus.Scored, 650, "Good"), (state.Status, state.Score, state.Grade));
        Assert.Equal(650, (await ApiHost.Json(await host.GetAsync("/v1/me", bob))).GetProperty("assessment").GetProperty("score").GetInt32());
        Assert.Equal("allowed", (await ApiHost.Json(await host.PostAsync("/v1/decisions", landlord, new { subject = ApiHost.Bob, measure = "deposit-free-rental" }))).GetProperty("outcome").GetString());

        // Giving it again changes nothing and adds nothing to the history.
        var again = await ApiHost.Json(await host.ConsentAsync(bob, true));
        Assert.False(again.GetProperty("changed").GetBoolean());
        Assert.Equal(1, again.GetProperty("history").GetArrayLength());

        // A record that arrives while consent is in force is scored with it (intake reads the stored consent).
        await host.PostAsync("/v1/records", charity, new { subject = ApiHost.Bob, type = "volunteering", area = "social", occurred = "2026-05-20T00:00:00Z", sourceRecordId = "G4" });
        Assert.Equal(660, (await host.Server.Registry.Store.ReadAsync(r => r.FindSubjectState(ApiHost.Bob)))!.Score);

        // Withdrawing takes score, grade and reward away, in the stored state too.
        host.Clock.Advance(TimeSpan.FromDays(1));
        var withdrawn = await ApiHost.Json(await host.ConsentAsync(bob, false));
        Assert.Equal((false, true, "no-consent"), (withdrawn.GetProperty("given").GetBoolean(), withdrawn.GetProperty("changed").GetBoolean(), withdrawn.GetProperty("status").GetString()));
        Assert.False(withdrawn.TryGetProperty("grade", out _));
        state = (await host.Server.Registry.Store.ReadAsync(r => r.FindSubjectState(ApiHost.Bob)))!;
        Assert.Equal((ScoreStatus.NoConsent, (int?)null, (string?)null), (state.Status, state.Score, state.Grade));
        Assert.Equal("not-granted", (await ApiHost.Json(await host.PostAsync("/v1/decisions", landlord, new { subject = ApiHost.Bob, measure = "deposit-free-rental" }))).GetProperty("outcome").GetString());

        // The history and the access log show each change, with who made it and when.
        var consent = await ApiHost.Json(await host.GetAsync("/v1/me/consent", bob));
        Assert.False(consent.GetProperty("given").GetBoolean());
        Assert.Equal(host.Clock.GetUtcNow(), consent.GetProperty("since").GetDateTimeOffset());
        var history = consent.GetProperty("history").EnumerateArray().Select(c => (c.GetProperty("given").GetBoolean(), c.GetProperty("by").GetString())).ToList();
        Assert.Equal([(true, "bob"), (false, "bob")], history);
        var log = (await ApiHost.Json(await host.GetAsync("/v1/me", bob))).GetProperty("accessLog").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(2, log.Count(a => a == "consent.give"));
        Assert.Single(log, a => a == "consent.withdraw");
        Assert.Contains("consent.read", log);
    }

    [Fact]
    public async Task Without_consent_listings_resting_on_court_decisions_and_their_restrictions_still_apply()
    {
        await using var host = await ApiHost.StartAsync();
        await host.ActivateSesameAsync();
        var court = await host.CourtAsync();
        var bob = await host.KeyAsync("subject", "bob", subject: ApiHost.Bob);
        var airline = await host.KeyAsync("relying-party", "airline", capabilities: ["air.ticket"], purpose: "ticket sales");
        Assert.Equal(HttpStatusCode.Created, (await host.PostAsync("/v1/records", court, SesameHost.Defaulter(ApiHost.Bob, "Z-1"))).StatusCode);

        var file = await ApiHost.Json(await host.GetAsync("/v1/me", bob));
        Assert.Equal("no-consent", file.GetProperty("assessment").GetProperty("status").GetString());
        Assert.Equal("court-defaulters", file.GetProperty("assessment").GetProperty("listings")[0].GetProperty("list").GetString());
        Assert.Equal("denied", (await ApiHost.Json(await host.PostAsync("/v1/decisions", airline, new { subject = ApiHost.Bob, measure = "air.ticket" }))).GetProperty("outcome").GetString());
        Assert.Equal(1, (await ApiHost.Json(await host.GetAsync("/v1/public/lists/court-defaulters"))).GetProperty("total").GetInt32());

        // Consent brings a score (600 - 150) but does not lift the listing.
        var view = await ApiHost.Json(await host.ConsentAsync(bob, true));
        Assert.Equal((450, "Poor"), (view.GetProperty("score").GetInt32(), view.GetProperty("grade").GetString()));
        Assert.Equal(1, (await ApiHost.Json(await host.GetAsync("/v1/public/lists/court-defaulters"))).GetProperty("total").GetInt32());
        Assert.Equal(["court-defaulters"], (await host.Server.Registry.Store.ReadAsync(r => r.FindSubjectState(ApiHost.Bob)))!.Lists.ToArray());
    }

    [Fact]
    public async Task Under_a_policy_that_does_not_require_consent_a_change_is_recorded_and_changes_nothing()
    {
        var host = await HostAsync();
        var court = await host.CourtAsync();
        var subject = Unique.Person();
        var alice = await host.KeyAsync("subject", Unique.Id("alice"), subject: subject);
        Assert.Equal(HttpStatusCode.Created, (await host.PostAsync("/v1/records", court, SesameHost.Defaulter(subject, Unique.Id("Z")))).StatusCode);

        var view = await ApiHost.Json(await host.ConsentAsync(alice, true));
        Assert.Equal((false, "rongcheng-persons@2026.1", true), (view.GetProperty("consentRequired").GetBoolean(), view.GetProperty("policyVersion").GetString(), view.GetProperty("changed").GetBoolean()));
        Assert.Contains("changes nothing", view.GetProperty("effect").GetString(), StringComparison.Ordinal);
        Assert.Equal(900, view.GetProperty("score").GetInt32());
        view = await ApiHost.Json(await host.ConsentAsync(alice, false));
        Assert.Equal((900, 2), (view.GetProperty("score").GetInt32(), view.GetProperty("history").GetArrayLength()));
        Assert.Equal(900, (await host.Server.Registry.Store.ReadAsync(r => r.FindSubjectState(subject)))!.Score);
    }

    [Fact]
    public async Task Consent_is_refused_without_a_subject_key_or_with_a_malformed_body()
    {
        var host = await HostAsync();
        var bob = await host.KeyAsync("subject", Unique.Id("bob"), subject: Unique.Person());
        var rail = await host.KeyAsync("relying-party", "rail", capabilities: ["rail.g-train.ticket"], purpose: "tickets");
        var reviewer = await host.KeyAsync("reviewer", "reviewer");

        await Problems.AssertAsync(await host.GetAsync("/v1/me/consent"), HttpStatusCode.Unauthorized, "unauthorized");
        await Problems.AssertAsync(await host.ConsentAsync("cred_" + new string('x', 43), true), HttpStatusCode.Unauthorized, "unauthorized");
        await Problems.AssertAsync(await host.GetAsync("/v1/me/consent", rail), HttpStatusCode.Forbidden, "forbidden");
        await Problems.AssertAsync(await host.ConsentAsync(rail, true), HttpStatusCode.Forbidden, "forbidden");
        await Problems.AssertAsync(await host.ConsentAsync(reviewer, false), HttpStatusCode.Forbidden, "forbidden");
        await Problems.AssertAsync(await host.ConsentAsync(host.OperatorKey, true), HttpStatusCode.Forbidden, "forbidden");

        foreach (var body in new[] { "{", "{\"given\":\"yes\"}", "{\"given\":true,\"scope\":\"all\"}", "[true]", "null" })
        {
            await Problems.AssertAsync(await host.SendAsync(HttpMethod.Put, "/v1/me/consent", bob, ApiHost.Text(body, "application/json")), HttpStatusCode.BadRequest, "malformed-json");
        }

        await Problems.AssertAsync(await host.SendAsync(HttpMethod.Put, "/v1/me/consent", bob, ApiHost.Text("{}", "application/json")), HttpStatusCode.BadRequest, "missing-field");
        await Problems.AssertAsync(await host.SendAsync(HttpMethod.Put, "/v1/me/consent", bob, ApiHost.Text("{\"given\":null}", "application/json")), HttpStatusCode.BadRequest, "missing-field");

        // Nothing refused changed the consent.
        var consent = await ApiHost.Json(await host.GetAsync("/v1/me/consent", bob));
        Assert.Equal((false, 0), (consent.GetProperty("given").GetBoolean(), consent.GetProperty("history").GetArrayLength()));
    }
}
