using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Credence.App.Http;
using Microsoft.Extensions.Configuration;

namespace Credence.Api.Tests;

/// <summary>
/// The abuse limits: anonymous requests and failed authentications per client address, answered
/// 429 with Retry-After as a problem detail. Small limits in a window of an hour make every count
/// exact without depending on time.
/// </summary>
public class RateLimitTests
{
    private static readonly ApiRateLimits Small = new()
    {
        PublicPermitLimit = 20,
        PublicWindow = TimeSpan.FromHours(1),
        AuthFailureLimit = 10,
        AuthFailureWindow = TimeSpan.FromHours(1),
    };

    /// <summary>A client that connects from another loopback address (Linux routes all of 127/8 to lo).</summary>
    private static HttpClient ClientFrom(ApiHost host, string address) =>
        new(new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        })
        { BaseAddress = host.Server.Addresses[0] };

    private static HttpRequestMessage Get(string path, string? authorization = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return request;
    }

    private static async Task AssertLimitedAsync(HttpResponseMessage response)
    {
        await Problems.AssertAsync(response, HttpStatusCode.TooManyRequests, "too-many-requests");
        Assert.True(response.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 }, "429 carries Retry-After in seconds");
    }

    [Fact]
    public async Task A_thousand_parallel_public_lookups_from_one_client_are_limited_and_others_are_not()
    {
        await using var host = await ApiHost.StartAsync(limits: Small);
        var paths = new[] { "/v1/public/organisations/" + ApiHost.Acme, "/v1/public/lists/court-defaulters", "/v1/public/organisations/not-a-code", "/v1/ledger/checkpoints", "/healthz" };
        var answers = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => host.Client.SendAsync(Get(paths[i % paths.Length]))));

        // Exactly the limit is answered, whatever the route (lookups, refusals and proofs count alike).
        Assert.Equal(Small.PublicPermitLimit, answers.Count(a => a.StatusCode != HttpStatusCode.TooManyRequests));
        foreach (var limited in answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).Take(5))
        {
            await AssertLimitedAsync(limited);
        }

        // Another client is not held back by the first one's flood.
        using var other = ClientFrom(host, "127.0.0.2");
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await other.SendAsync(Get("/v1/public/organisations/" + ApiHost.Acme))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.SendAsync(Get("/healthz"))).StatusCode);
    }

    [Fact]
    public async Task Three_hundred_wrong_keys_at_once_get_exactly_the_limit_of_401s_and_the_rest_429()
    {
        await using var host = await ApiHost.StartAsync(limits: Small);
        var auditor = await host.KeyAsync("auditor", "auditor");
        var revoked = await ApiHost.Json(await host.PostAsync("/v1/principals", host.OperatorKey, new { role = "auditor", name = "gone" }));
        (await host.SendAsync(HttpMethod.Delete, "/v1/keys/" + revoked.GetProperty("keyId").GetInt64(), host.OperatorKey)).EnsureSuccessStatusCode();

        // Every way of failing counts: unknown, malformed, revoked, another scheme, lower case, none at all, on any route.
        string?[] wrong =
        [
            "Bearer cred_" + new string('x', 43), "Bearer cred_short", "Bearer " + revoked.GetProperty("key").GetString(),
            "Basic YWRtaW46YWRtaW4=", "bearer cred_" + new string('y', 43), "Bearer", null, "Token cred_" + new string('x', 43), "Bearer  cred_" + new string('x', 42) + "%",
        ];
        string[] routes = ["/v1/summary", "/v1/me", "/v1/subjects/" + ApiHost.Bob + "?purpose=x", "/v1/principals", "/v1/me/notices"];
        var answers = await Task.WhenAll(Enumerable.Range(0, 300).Select(i => host.Client.SendAsync(Get(routes[i % routes.Length], wrong[i % wrong.Length]))));

        Assert.Equal(Small.AuthFailureLimit, answers.Count(a => a.StatusCode == HttpStatusCode.Unauthorized));
        Assert.Equal(300 - Small.AuthFailureLimit, answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests));
        await AssertLimitedAsync(answers.First(a => a.StatusCode == HttpStatusCode.TooManyRequests));

        // The client is held back whatever key it sends now, a valid one included...
        await AssertLimitedAsync(await host.GetAsync("/v1/summary", host.OperatorKey));

        // ...but the same valid keys keep working from another client, whose own first failure is a plain 401.
        using var other = ClientFrom(host, "127.0.0.3");
        var summary = Get("/v1/summary", "Bearer " + host.OperatorKey);
        Assert.Equal(HttpStatusCode.OK, (await other.SendAsync(summary)).StatusCode);
        await Problems.AssertAsync(await other.SendAsync(Get("/v1/summary", "Bearer cred_" + new string('z', 43))), HttpStatusCode.Unauthorized, "unauthorized");

        // Only the failures that were answered 401 cost a durable access-log write; the 429s did not.
        var log = await ApiHost.Json(await other.SendAsync(Get("/v1/access-log?limit=1000&purpose=check", "Bearer " + auditor)));
        Assert.Equal(Small.AuthFailureLimit + 1, log.EnumerateArray().Count(e => e.GetProperty("outcome").GetString() == "unauthorized"));
    }

    [Fact]
    public async Task Valid_keys_never_count_as_failures_and_public_lookups_do_not_spend_the_failure_budget()
    {
        await using var host = await ApiHost.StartAsync(limits: Small);
        for (var i = 0; i < 3 * Small.AuthFailureLimit; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/v1/summary", host.OperatorKey)).StatusCode);
        }

        for (var i = 0; i < Small.PublicPermitLimit; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await host.GetAsync("/v1/public/lists/court-defaulters")).StatusCode);
        }

        // Neither did a wrong key sent to a public lookup, which never reads it.
        await AssertLimitedAsync(await host.SendAsync(HttpMethod.Get, "/v1/public/lists/court-defaulters", "cred_" + new string('x', 43)));
        for (var i = 0; i < Small.AuthFailureLimit; i++)
        {
            await Problems.AssertAsync(await host.GetAsync("/v1/summary", "cred_" + new string('x', 43)), HttpStatusCode.Unauthorized, "unauthorized");
        }

        await AssertLimitedAsync(await host.GetAsync("/v1/summary", "cred_" + new string('x', 43)));
    }

    [Fact]
    public async Task Authenticated_requests_are_not_limited_by_the_public_limit()
    {
        await using var host = await ApiHost.StartAsync(limits: Small);
        var court = await host.CourtAsync();
        var answers = await Task.WhenAll(Enumerable.Range(0, 3 * Small.PublicPermitLimit).Select(_ => host.GetAsync("/v1/disputes", court)));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
    }

    [Fact]
    public void The_default_limits_are_on()
    {
        var limits = new RegistryServerOptions("x.db").RateLimits;
        Assert.True(limits.PublicPermitLimit > 0 && limits.AuthFailureLimit > 0);
        Assert.True(limits.PublicWindow > TimeSpan.Zero && limits.AuthFailureWindow > TimeSpan.Zero);
    }

    [Fact]
    public void Configuration_sets_the_limits_over_the_defaults_and_zero_turns_one_off()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Credence:RateLimits:PublicPermitLimit"] = "0",
            ["Credence:RateLimits:AuthFailureLimit"] = "5",
            ["Credence:RateLimits:AuthFailureWindow"] = "00:02:00",
        }).Build();
        var defaults = new ApiRateLimits();
        var limits = defaults.With(configuration);
        Assert.Equal((0, 5, TimeSpan.FromMinutes(2), defaults.PublicWindow), (limits.PublicPermitLimit, limits.AuthFailureLimit, limits.AuthFailureWindow, limits.PublicWindow));
        Assert.Equal(600, defaults.PublicPermitLimit);
    }

    [Fact]
    public async Task With_the_public_limit_off_nothing_is_held_back()
    {
        await using var host = await ApiHost.StartAsync(limits: new ApiRateLimits { PublicPermitLimit = 0, AuthFailureLimit = 3, AuthFailureWindow = TimeSpan.FromHours(1) });
        var answers = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => host.Client.SendAsync(Get("/v1/public/lists/court-defaulters"))));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
    }

    [Theory]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2:ffff:ffff:ffff:ffff", true)]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:3::1", false)]
    [InlineData("::ffff:10.0.0.1", "10.0.0.1", true)]
    [InlineData("10.0.0.1", "10.0.0.2", false)]
    public void A_client_is_its_address_and_an_IPv6_client_its_64_network(string a, string b, bool same)
    {
        static string Of(string address) => ClientAddress.Of(new Microsoft.AspNetCore.Http.DefaultHttpContext { Connection = { RemoteIpAddress = IPAddress.Parse(address) } });
        Assert.Equal(same, Of(a) == Of(b));
    }
}
