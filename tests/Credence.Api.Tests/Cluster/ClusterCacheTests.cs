using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Credence.Registry;
using Credence.Registry.Access;
using Credence.Registry.Principals;

namespace Credence.Api.Tests.Cluster;

/// <summary>
/// Keys, revocations and active policies are cached in each silo's memory, and stay true across the cluster:
/// two <c>--cluster</c> registries on one PostgreSQL store (<see cref="TwoSilos"/>), a change made through one and
/// the other asked at once. Each test would fail on a per-process cache (keys were kept 30 s, activations 1 s).
/// </summary>
public sealed class ClusterCacheTests(TwoSilos cluster) : IClassFixture<TwoSilos>
{
    private const string Rail = "rail.g-train.ticket";

    private const string Bid = "procurement.bid";

    [Fact]
    public async Task A_key_created_on_one_silo_works_on_the_other_at_once()
    {
        var key = await cluster.KeyAsync(0, "relying-party", "rail-created", capabilities: [Rail], purpose: "tickets");
        Assert.Equal(HttpStatusCode.Created, (await cluster.DecideAsync(1, key, ApiHost.Bob)).StatusCode);
    }

    [Fact]
    public async Task A_key_revoked_on_one_silo_is_refused_by_the_other_from_the_acknowledgement_on()
    {
        var key = await cluster.KeyAsync(0, "relying-party", "rail-revoked", capabilities: [Rail], purpose: "tickets");

        // The other silo holds the key in its cache, and a portal session opened with it.
        var decided = await cluster.DecideAsync(1, key, ApiHost.Bob);
        Assert.Equal(HttpStatusCode.Created, decided.StatusCode);
        var decision = "/v1/decisions/" + (await ApiHost.Json(decided)).GetProperty("decisionId").GetString();
        Assert.Equal(HttpStatusCode.OK, (await cluster.SendAsync(1, HttpMethod.Get, decision, key)).StatusCode);
        var session = (await cluster.Registry(1).Principals.OpenSessionAsync(key)).GetValueOrThrow();

        var revoked = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.NoContent, (await cluster.RevokeAsync(0, key)).StatusCode);
        revoked.Stop();

        // Refused at once (the acknowledgement waited out every peer's lease), by both silos, on every route the key opens.
        await Problems.AssertAsync(await cluster.DecideAsync(1, key, ApiHost.Bob), HttpStatusCode.Unauthorized, "unauthorized");
        await Problems.AssertAsync(await cluster.DecideAsync(0, key, ApiHost.Bob), HttpStatusCode.Unauthorized, "unauthorized");
        await Problems.AssertAsync(await cluster.SendAsync(1, HttpMethod.Get, decision, key), HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal(ProblemTypes.Unauthorized, (await cluster.Registry(1).Principals.ResumeSessionAsync(session.Handle)).Problem!.Type);
        Assert.Equal(ProblemTypes.Unauthorized, (await cluster.Registry(1).Principals.OpenSessionAsync(key)).Problem!.Type);

        // And the acknowledgement is not slow for waiting: well within the second.
        Assert.True(revoked.Elapsed < TimeSpan.FromSeconds(5), $"the revocation took {revoked.Elapsed}");
    }

    [Fact]
    public async Task A_revoked_key_hammered_across_both_silos_never_passes_after_the_revocation_is_acknowledged()
    {
        var key = await cluster.KeyAsync(0, "relying-party", "rail-hammered", capabilities: [Rail], purpose: "tickets");
        var answers = new ConcurrentBag<(long SentAt, HttpStatusCode Status, int Silo)>();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();

        // Attackers on both silos, with the header as a client may spell it (scheme case, spacing).
        var spellings = new[] { $"Bearer {key}", $"bearer {key}", $"BEARER   {key} " };
        var attackers = Enumerable.Range(0, 4).Select(n => Task.Run(async () =>
        {
            var silo = n % 2;
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "/v1/decisions") { Content = ApiHost.JsonBody(new { subject = ApiHost.Bob, measure = Rail }) };
                request.Headers.TryAddWithoutValidation("Authorization", spellings[i % spellings.Length]);
                var sentAt = clock.ElapsedTicks;
                using var response = await cluster.Client(silo).SendAsync(request);
                answers.Add((sentAt, response.StatusCode, silo));
            }
        })).ToList();

        // Let them be answered a while first, so that both silos cache the key.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (answers.Count(a => a.Status == HttpStatusCode.Created) < 20 || answers.Select(a => a.Silo).Distinct().Count() < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "the attackers were not answered");
            await Task.Delay(10);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await cluster.RevokeAsync(0, key)).StatusCode);
        var acknowledgedAt = clock.ElapsedTicks;

        // Keep hammering for more than a lease after the acknowledgement, then stop.
        var until = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 3 / 2;
        while (Stopwatch.GetTimestamp() < until || answers.Count(a => a.SentAt > acknowledgedAt) < 40)
        {
            await Task.Delay(20);
        }

        await stop.CancelAsync();
        await Task.WhenAll(attackers);
        var after = answers.Where(a => a.SentAt > acknowledgedAt).ToList();
        Assert.All(after, a => Assert.Equal(HttpStatusCode.Unauthorized, a.Status));
        Assert.Equal(2, after.Select(a => a.Silo).Distinct().Count());
    }

    [Fact]
    public async Task A_policy_activated_on_one_silo_governs_the_other_silos_next_decision()
    {
        var rail = await cluster.KeyAsync(0, "relying-party", "rail-policy", capabilities: [Rail], purpose: "tickets");

        // The other silo decides under the version in force, so its activations are cached.
        var before = await ApiHost.Json(await cluster.DecideAsync(1, rail, ApiHost.Bob));
        Assert.Equal("rongcheng-persons@2026.1", before.GetProperty("policyVersion").GetString());

        var tag = await cluster.UploadAndSignOffAsync(ApiHost.PolicyText("rongcheng-persons.yaml").Replace("version: \"2026.1\"", "version: \"2026.7\"", StringComparison.Ordinal));
        Assert.Equal("rongcheng-persons@2026.7", tag);
        Assert.Equal(HttpStatusCode.Created, (await cluster.DecideAsync(1, rail, ApiHost.Bob)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await cluster.SendAsync(0, HttpMethod.Post, $"/v1/policies/{tag}/activations", cluster.OperatorKey)).StatusCode);

        var after = await ApiHost.Json(await cluster.DecideAsync(1, rail, ApiHost.Bob));
        Assert.Equal(tag, after.GetProperty("policyVersion").GetString());
        var listed = await ApiHost.Json(await cluster.SendAsync(1, HttpMethod.Get, "/v1/public/policies"));
        Assert.Contains(listed.EnumerateArray(), p => p.GetProperty("tag").GetString() == tag);
    }

    [Fact]
    public async Task A_policy_activated_ahead_on_one_silo_governs_the_others_decisions_exactly_from_its_instant()
    {
        var buyer = await cluster.KeyAsync(0, "relying-party", "buyer-ahead", capabilities: [Bid], purpose: "procurement");
        var tag = await cluster.UploadAndSignOffAsync(ApiHost.PolicyText("organisations.yaml").Replace("version: \"2026.1\"", "version: \"2026.8\"", StringComparison.Ordinal));
        var old = (await ApiHost.Json(await cluster.DecideAsync(1, buyer, ApiHost.Acme, Bid))).GetProperty("policyVersion").GetString();
        Assert.Equal("shanghai-organisations@2026.1", old);

        // Effective a moment ahead: the instant may come before or after the acknowledgement; either way every
        // decision after the acknowledgement, on either silo, names the version its own instant falls under.
        var from = DateTimeOffset.UtcNow.AddMilliseconds(300);
        var activation = await cluster.SendAsync(0, HttpMethod.Post, $"/v1/policies/{tag}/activations", cluster.OperatorKey, ApiHost.JsonBody(new { effectiveFrom = from.ToString("O") }));
        Assert.Equal(HttpStatusCode.Created, activation.StatusCode);
        var effective = (await ApiHost.Json(activation)).GetProperty("effectiveFrom").GetDateTimeOffset();

        // Decisions on both silos across the instant: each names the version its own instant falls under.
        var decisions = new List<(DateTimeOffset At, string? Version)>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (decisions.Count(d => d.At >= effective) < 10)
        {
            Assert.True(DateTime.UtcNow < deadline, "no decision came after the effective instant");
            foreach (var silo in new[] { 1, 0 })
            {
                var decided = await ApiHost.Json(await cluster.DecideAsync(silo, buyer, ApiHost.Acme, Bid));
                decisions.Add((decided.GetProperty("decidedAt").GetDateTimeOffset(), decided.GetProperty("policyVersion").GetString()));
            }
        }

        Assert.All(decisions, d => Assert.Equal(d.At >= effective ? tag : old, d.Version));
    }
}
