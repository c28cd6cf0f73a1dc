using System.Net;
using System.Text.Json;

namespace Credence.Api.Tests;

/// <remarks>
/// The tests that keep the clock still share a host (<see cref="SharedHost"/>) under subjects of their own; the tests of expiry
/// and of the Sesame-style policy start their own.
/// </remarks>
public class ShareApiTests(SharedHost shared) : SharedHostTests(shared)
{
    private static async Task<(long Id, string Code)> ShareAsync(ApiHost host, string key, object request)
    {
        var response = await host.PostAsync("/v1/me/shares", key, request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var issued = await ApiHost.Json(response);
        return (issued.GetProperty("share").GetProperty("id").GetInt64(), issued.GetProperty("code").GetString()!);
    }

    /// <summary>A relying party reads a shared grade: the code goes in the body, never in the URL.</summary>
    private static Task<HttpResponseMessage> UseAsync(ApiHost host, string code, string? key) =>
        host.PostAsync("/v1/shared", key, new { code });

    private static IEnumerable<JsonElement> Log(JsonElement file, string action) =>
        file.GetProperty("accessLog").EnumerateArray().Where(e => e.GetProperty("action").GetString() == action);

    [Fact]
    public async Task A_share_shows_one_relying_party_the_grade_and_never_the_records_and_each_use_is_logged()
    {
        await using var host = await ApiHost.StartAsync();
        await host.ActivateSesameAsync();
        var charity = await host.CharityAsync();
        var bob = await host.KeyAsync("subject", "bob", subject: ApiHost.Bob);
        var landlord = await host.KeyAsync("relying-party", "elm-lettings", capabilities: ["deposit-free-rental"], purpose: "tenancy deposits");
        var airline = await host.KeyAsync("relying-party", "airline", capabilities: ["air.ticket"], purpose: "ticket sales");
        await host.GoodDeedsAsync(charity, ApiHost.Bob);
        await host.ConsentAsync(bob, true);

        var created = await ApiHost.Json(await host.PostAsync("/v1/me/shares", bob, new { relyingParty = "elm-lettings", validFor = "30d", purpose = "flat at 12 Elm Road" }));
        var code = created.GetProperty("code").GetString()!;
        Assert.StartsWith("shr_", code, StringComparison.Ordinal);
        Assert.Equal("/v1/shared", created.GetProperty("path").GetString());
        Assert.Equal(ApiHost.Start.AddDays(30), created.GetProperty("share").GetProperty("expiresAt").GetDateTimeOffset());

        var used = await UseAsync(host, code, landlord);
        Assert.Equal(HttpStatusCode.OK, used.StatusCode);
        var grade = await ApiHost.Json(used);
        Assert.Equal((ApiHost.Bob, "Good", "scored", SesameHost.Policy), (grade.GetProperty("subject").GetString(), grade.GetProperty("grade").GetString(), grade.GetProperty("status").GetString(), grade.GetProperty("policyVersion").GetString()));
        Assert.Equal(0, grade.GetProperty("listings").GetArrayLength());
        foreach (var hidden in new[] { "score", "records", "contributions", "keyReasons", "reasons", "areaSubtotals" })
        {
            Assert.False(grade.TryGetProperty(hidden, out _), hidden);
        }

        Assert.DoesNotContain("blood", grade.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("red-cross", grade.GetRawText(), StringComparison.Ordinal);

        // Another relying party cannot use it, and its attempt is in the subject's log.
        await Problems.AssertAsync(await UseAsync(host, code, airline), HttpStatusCode.Forbidden, "share-not-for-you");

        // Without consent the share shows no grade: sharing never overrides consent to scoring.
        host.Clock.Advance(TimeSpan.FromDays(1));
        await host.ConsentAsync(bob, false);
        var noConsent = await ApiHost.Json(await UseAsync(host, code, landlord));
        Assert.Equal("no-consent", noConsent.GetProperty("status").GetString());
        Assert.False(noConsent.TryGetProperty("grade", out _));

        var shares = await host.GetAsync("/v1/me/shares", bob);
        var listed = (await ApiHost.Json(shares))[0];
        Assert.Equal(("elm-lettings", "active", 2, "flat at 12 Elm Road"), (listed.GetProperty("relyingParty").GetString(), listed.GetProperty("status").GetString(), listed.GetProperty("uses").GetInt32(), listed.GetProperty("purpose").GetString()));
        Assert.Equal(host.Clock.GetUtcNow(), listed.GetProperty("lastUsedAt").GetDateTimeOffset());
        Assert.DoesNotContain(code, await shares.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var file = await ApiHost.Json(await host.GetAsync("/v1/me", bob));
        var uses = Log(file, "share.use").Select(e => (e.GetProperty("principal").GetString(), e.GetProperty("outcome").GetString())).ToList();
        Assert.Equal(2, uses.Count(u => u == ("elm-lettings", "ok")));
        Assert.Single(uses, u => u == ("airline", "forbidden"));
        Assert.Single(Log(file, "share.create"));
        Assert.Single(Log(file, "share.list"));
        Assert.DoesNotContain(code, file.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_share_with_anyone_shows_current_listings_but_not_the_records_that_hold_them()
    {
        var host = await HostAsync();
        var court = await host.CourtAsync();
        var (subject, z) = (Unique.Person(), Unique.Id("Z"));
        var alice = await host.KeyAsync("subject", Unique.Id("alice"), subject: subject);
        var landlord = await host.KeyAsync("relying-party", "elm-lettings", capabilities: ["deposit-free-rental"], purpose: "tenancy deposits");
        var hotel = await host.KeyAsync("relying-party", "grand-hotel", capabilities: ["hotel.star-rated"], purpose: "bookings");
        Assert.Equal(HttpStatusCode.Created, (await host.PostAsync("/v1/records", court, SesameHost.Defaulter(subject, z, "unpaid judgment of 30,000 yuan"))).StatusCode);
        var (_, code) = await ShareAsync(host, alice, new { expiresAt = ApiHost.Start.AddDays(7) });

        foreach (var party in new[] { landlord, hotel })
        {
            var grade = await ApiHost.Json(await UseAsync(host, code, party));
            Assert.Equal(("B", "rongcheng-persons@2026.1"), (grade.GetProperty("grade").GetString(), grade.GetProperty("policyVersion").GetString()));
            var listing = grade.GetProperty("listings")[0];
            Assert.Equal(("court-defaulters", "blacklist"), (listing.GetProperty("list").GetString(), listing.GetProperty("kind").GetString()));
            Assert.False(listing.TryGetProperty("records", out _));
            Assert.False(listing.TryGetProperty("basis", out _));
            Assert.DoesNotContain(z, grade.GetRawText(), StringComparison.Ordinal);
            Assert.DoesNotContain("30,000", grade.GetRawText(), StringComparison.Ordinal);
        }

        var listed = (await ApiHost.Json(await host.GetAsync("/v1/me/shares", alice)))[0];
        Assert.True(listed.GetProperty("anyRelyingParty").GetBoolean());
        Assert.False(listed.TryGetProperty("relyingParty", out _));
        Assert.Equal(2, listed.GetProperty("uses").GetInt32());
    }

    [Fact]
    public async Task Revoked_expired_unknown_and_misdirected_codes_each_get_their_own_refusal()
    {
        await using var host = await ApiHost.StartAsync();
        var bob = await host.KeyAsync("subject", "bob", subject: ApiHost.Bob);
        var alice = await host.KeyAsync("subject", "alice", subject: ApiHost.Alice);
        var landlord = await host.KeyAsync("relying-party", "elm-lettings", capabilities: ["deposit-free-rental"], purpose: "tenancy deposits");
        var (revokedId, revoked) = await ShareAsync(host, bob, new { validFor = "7d" });
        var (expiringId, expiring) = await ShareAsync(host, bob, new { relyingParty = "elm-lettings", validFor = "2d" });
        var (aliceId, aliceCode) = await ShareAsync(host, alice, new { validFor = "90d" });

        // Anonymous use is refused, and so is use with a key that is not a relying party's.
        await Problems.AssertAsync(await UseAsync(host, revoked, null), HttpStatusCode.Unauthorized, "unauthorized");
        await Problems.AssertAsync(await UseAsync(host, revoked, alice), HttpStatusCode.Forbidden, "forbidden");
        await Problems.AssertAsync(await UseAsync(host, revoked, host.OperatorKey), HttpStatusCode.Forbidden, "forbidden");

        // Unknown and malformed codes look alike.
        await Problems.AssertAsync(await UseAsync(host, "shr_AAAAAAAAAAAAAAAAAAAAAA", landlord), HttpStatusCode.NotFound, "share-not-found");
        await Problems.AssertAsync(await UseAsync(host, "guess", landlord), HttpStatusCode.NotFound, "share-not-found");
        await Problems.AssertAsync(await UseAsync(host, revoked[..^1] + (revoked[^1] == 'A' ? 'B' : 'A'), landlord), HttpStatusCode.NotFound, "share-not-found");

        // Another subject's share cannot be revoked (it looks like an unknown one), nor can a share be revoked twice.
        await Problems.AssertAsync(await host.SendAsync(HttpMethod.Delete, $"/v1/me/shares/{aliceId}", bob), HttpStatusCode.NotFound, "not-found");
        await Problems.AssertAsync(await host.SendAsync(HttpMethod.Delete, "/v1/me/shares/9999", bob), HttpStatusCode.NotFound, "not-found");
        await Problems.AssertAsync(await host.SendAsync(HttpMethod.Delete, $"/v1/me/shares/{aliceId}", landlord), HttpStatusCode.Forbidden, "forbidden");
        await Problems.AssertAsync(await host.SendAsync(HttpMethod.Delete, $"/v1/me/shares/{aliceId}"), HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal(HttpStatusCode.OK, (await UseAsync(host, aliceCode, landlord)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await host.SendAsync(HttpMethod.Delete, $"/v1/me/shares/{revokedId}", bob)).StatusCode);
        await Problems.AssertAsync(await host.SendAsync(HttpMethod.Delete, $"/v1/me/shares/{revokedId}", bob), HttpStatusCode.NotFound, "not-found");
        await Problems.AssertAsync(await UseAsync(host, revoked, landlord), HttpStatusCode.Gone, "share-revoked");

        // A share works until the last tick before its expiry instant.
        host.Clock.Advance(TimeSpan.FromDays(2) - TimeSpan.FromTicks(1));
        Assert.Equal(HttpStatusCode.OK, (await UseAsync(host, expiring, landlord)).StatusCode);
        host.Clock.Advance(TimeSpan.FromTicks(1));
        await Problems.AssertAsync(await UseAsync(host, expiring, landlord), HttpStatusCode.Gone, "share-expired");

        var shares = (await ApiHost.Json(await host.GetAsync("/v1/me/shares", bob))).EnumerateArray().ToDictionary(s => s.GetProperty("id").GetInt64());
        Assert.Equal(("revoked", 0), (shares[revokedId].GetProperty("status").GetString(), shares[revokedId].GetProperty("uses").GetInt32()));
        Assert.Equal(("expired", 1), (shares[expiringId].GetProperty("status").GetString(), shares[expiringId].GetProperty("uses").GetInt32()));

        // Every refused use of a known code is in the subject's log, with the relying party named.
        var refusals = (await ApiHost.Json(await host.GetAsync("/v1/me", bob))).GetProperty("accessLog").EnumerateArray()
            .Where(e => e.GetProperty("action").GetString() == "share.use" && e.GetProperty("outcome").GetString() == "refused")
            .Select(e => (e.GetProperty("principal").GetString(), e.GetProperty("detail").GetString()!.Split(": ")[1]))
            .ToList();
        Assert.Equal([("elm-lettings", "share-expired"), ("elm-lettings", "share-revoked")], refusals);
    }

    [Fact]
    public async Task Creating_a_share_is_refused_for_bad_expiries_unknown_relying_parties_and_other_roles()
    {
        var host = await HostAsync();
        var bob = await host.KeyAsync("subject", Unique.Id("bob"), subject: Unique.Person());
        var rail = await host.KeyAsync("relying-party", "rail", capabilities: ["rail.g-train.ticket"], purpose: "tickets");
        var now = ApiHost.Start;

        await Problems.AssertAsync(await host.PostAsync("/v1/me/shares", null, new { validFor = "7d" }), HttpStatusCode.Unauthorized, "unauthorized");
        await Problems.AssertAsync(await host.PostAsync("/v1/me/shares", rail, new { validFor = "7d" }), HttpStatusCode.Forbidden, "forbidden");
        await Problems.AssertAsync(await host.PostAsync("/v1/me/shares", host.OperatorKey, new { validFor = "7d" }), HttpStatusCode.Forbidden, "forbidden");

        var refusals = new (object Body, HttpStatusCode Status, string Code)[]
        {
            (new { expiresAt = now.AddMinutes(-1) }, HttpStatusCode.UnprocessableEntity, "bad-value"),
            (new { expiresAt = now }, HttpStatusCode.UnprocessableEntity, "bad-value"),
            (new { expiresAt = now.AddDays(90).AddTicks(1) }, HttpStatusCode.UnprocessableEntity, "bad-value"),
            (new { validFor = "91d" }, HttpStatusCode.UnprocessableEntity, "bad-value"),
            (new { validFor = "1y" }, HttpStatusCode.UnprocessableEntity, "bad-value"),
            (new { validFor = "0d" }, HttpStatusCode.UnprocessableEntity, "bad-value"),
            (new { validFor = "soon" }, HttpStatusCode.UnprocessableEntity, "bad-value"),
            (new { validFor = "7d", expiresAt = now.AddDays(7) }, HttpStatusCode.UnprocessableEntity, "bad-value"),
            (new { purpose = "flat" }, HttpStatusCode.BadRequest, "missing-field"),
            (new { validFor = "7d", relyingParty = "nobody" }, HttpStatusCode.UnprocessableEntity, "bad-value"),
            (new { validFor = "7d", relyingParty = "admin" }, HttpStatusCode.UnprocessableEntity, "bad-value"),
            (new { validFor = "7d", purpose = new string('x', 201) }, HttpStatusCode.UnprocessableEntity, "bad-value"),
            (new { validFor = "7d", colour = "red" }, HttpStatusCode.BadRequest, "malformed-json"),
            (new { expiresAt = "next tuesday" }, HttpStatusCode.BadRequest, "malformed-json"),
        };
        foreach (var (body, status, code) in refusals)
        {
            await Problems.AssertAsync(await host.PostAsync("/v1/me/shares", bob, body), status, code);
        }

        Assert.Equal(0, (await ApiHost.Json(await host.GetAsync("/v1/me/shares", bob))).GetArrayLength());
        Assert.Equal(HttpStatusCode.Created, (await host.PostAsync("/v1/me/shares", bob, new { expiresAt = now.AddDays(90) })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await host.PostAsync("/v1/me/shares", bob, new { validFor = "2mo", relyingParty = "rail" })).StatusCode);
    }

    [Fact]
    public async Task A_share_code_is_taken_only_in_the_body_and_a_missing_or_malformed_one_is_refused()
    {
        var host = await HostAsync();
        var bob = await host.KeyAsync("subject", Unique.Id("bob"), subject: Unique.Person());
        var landlord = await host.KeyAsync("relying-party", "elm-lettings", capabilities: ["deposit-free-rental"], purpose: "tenancy deposits");
        var (_, code) = await ShareAsync(host, bob, new { validFor = "7d" });

        // A code in the URL would reach access logs, proxies and browser history: no route takes one.
        var inPath = await host.GetAsync("/v1/shared/" + code, landlord);
        Assert.Equal(HttpStatusCode.NotFound, inPath.StatusCode);
        var inQuery = await host.SendAsync(HttpMethod.Post, "/v1/shared?code=" + code, landlord, ApiHost.JsonBody(new { }));
        await Problems.AssertAsync(inQuery, HttpStatusCode.BadRequest, "missing-field");

        await Problems.AssertAsync(await host.SendAsync(HttpMethod.Post, "/v1/shared", landlord, ApiHost.Text("{\"code\":", "application/json")), HttpStatusCode.BadRequest, "malformed-json");
        await Problems.AssertAsync(await UseAsync(host, " ", landlord), HttpStatusCode.BadRequest, "missing-field");

        // None of those was a use.
        var listed = Assert.Single((await ApiHost.Json(await host.GetAsync("/v1/me/shares", bob))).EnumerateArray());
        Assert.Equal(0, listed.GetProperty("uses").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await UseAsync(host, code, landlord)).StatusCode);
    }
}
