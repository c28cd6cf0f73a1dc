using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace Credence.Api.Tests.Tlog;

/// <summary>
/// The newest checkpoint in both forms (the signed note by default, JSON when asked for), only the
/// operator makes the registry sign, no read signs, and a graceful stop signs what the ledger grew by.
/// </summary>
/// <remarks>
/// The content negotiation cases share a host without policies (<see cref="SharedHost"/>): each signs a checkpoint and reads back
/// the newest, and no other test of the class signs on that host between the two; the tests of the checkpoint history and of a
/// stop start their own.
/// </remarks>
public sealed class CheckpointApiTests(SharedHost shared) : SharedHostTests(shared)
{
    [Theory]
    [InlineData(null, false)]
    [InlineData("*/*", false)]
    [InlineData("text/plain", false)]
    [InlineData("text/*", false)]
    [InlineData("image/png", false)]
    [InlineData("application/json;q=0", false)]
    [InlineData("application/json;q=0.5, text/plain", false)]
    [InlineData("application/*;q=0.9, application/json;q=0", false)]
    [InlineData("not a media type", false)]
    [InlineData("application/json", true)]
    [InlineData("APPLICATION/JSON", true)]
    [InlineData("application/*", true)]
    [InlineData("application/json, text/plain, */*", true)]
    [InlineData("text/plain;q=0.1, application/json", true)]
    [InlineData("application/json; charset=utf-8", true)]
    public async Task The_checkpoint_is_the_signed_note_unless_json_is_asked_for(string? accept, bool json)
    {
        var host = await HostAsync(policies: false);
        var signed = await ApiHost.Json(await host.SendAsync(HttpMethod.Post, "/v1/ledger/checkpoints", host.OperatorKey));
        var response = accept is null ? await host.GetAsync("/v1/ledger/checkpoint") : await host.GetAsync("/v1/ledger/checkpoint", null, accept);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Accept", response.Headers.Vary);
        var body = await response.Content.ReadAsStringAsync();
        if (json)
        {
            Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal(signed.GetProperty("note").GetString(), (await ApiHost.Json(response)).GetProperty("note").GetString());
        }
        else
        {
            Assert.Equal(("text/plain", "utf-8"), (response.Content.Headers.ContentType!.MediaType, response.Content.Headers.ContentType.CharSet));
            Assert.Equal(signed.GetProperty("note").GetString(), body);
            Assert.StartsWith($"{host.Origin}\n{signed.GetProperty("size").GetInt64()}\n{signed.GetProperty("root").GetString()}\n\n\u2014 ", body, StringComparison.Ordinal);
            Assert.Equal(body, await host.Client.GetStringAsync("/tlog/checkpoint"));
        }
    }

    [Fact]
    public async Task Only_the_operator_makes_the_registry_sign_and_no_read_signs()
    {
        await using var host = await ApiHost.StartAsync(seeded: false);
        var bob = await host.KeyAsync("subject", "bob", subject: ApiHost.Bob);
        var auditor = await host.KeyAsync("auditor", "auditor");
        var others = new Dictionary<string, string?>
        {
            ["anonymous"] = null,
            ["a wrong key"] = "cred_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            ["auditor"] = auditor,
            ["reviewer"] = await host.KeyAsync("reviewer", "reviewer"),
            ["source"] = await host.CourtAsync(),
            ["relying party"] = await host.KeyAsync("relying-party", "rail", capabilities: ["rail.g-train.ticket"], purpose: "tickets"),
            ["subject"] = bob,
        };
        var read = await host.GetAsync("/v1/me", bob);
        var index = Assert.Single(read.Headers.GetValues("Credence-Ledger-Index"));

        async Task<int> CountAsync() => (await ApiHost.Json(await host.GetAsync("/v1/ledger/checkpoints?limit=1000"))).GetArrayLength();
        Assert.Equal(0, await CountAsync());
        foreach (var (role, key) in others)
        {
            var refused = await host.SendAsync(HttpMethod.Post, "/v1/ledger/checkpoints", key);
            Assert.True(refused.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{role}: {(int)refused.StatusCode}");
            foreach (var (method, path) in new[] { ("PUT", "/v1/ledger/checkpoints"), ("POST", "/v1/ledger/checkpoint"), ("POST", "/tlog/checkpoint"), ("PUT", "/tlog/checkpoint"), ("POST", "/v1/ledger/checkpoints/sign") })
            {
                var other = await host.SendAsync(new HttpMethod(method), path, key);
                Assert.False(other.IsSuccessStatusCode, $"{role} {method} {path}: {(int)other.StatusCode}");
            }
        }

        Assert.Equal(0, await CountAsync());

        // Every read of the ledger, by every role, signs nothing.
        var reads = new[]
        {
            "/v1/ledger/checkpoint", "/v1/ledger/checkpoints", "/v1/ledger/proof/inclusion?index=0&size=1", "/v1/ledger/proof/consistency?from=1&to=2",
            $"/v1/ledger/entries/{index}", "/v1/me/ledger", $"/v1/me/receipts/{index}", "/tlog/checkpoint", "/tlog/tile/0/000.p/1", "/tlog/tile/entries/000.p/1",
        };
        foreach (var key in others.Values.Append(host.OperatorKey))
        {
            foreach (var path in reads)
            {
                await host.GetAsync(path, key);
                await host.GetAsync(path, key, "application/json");
            }
        }

        Assert.Equal(0, await CountAsync());
        Assert.Equal(HttpStatusCode.Created, (await host.SendAsync(HttpMethod.Post, "/v1/ledger/checkpoints", host.OperatorKey)).StatusCode);
        Assert.Equal(1, await CountAsync());
    }

    [Fact]
    public async Task A_graceful_stop_signs_what_the_ledger_grew_by_and_only_then()
    {
        await using var host = await ApiHost.StartAsync(policies: false, seeded: false);
        await host.KeyAsync("subject", "bob", subject: ApiHost.Bob);
        var size = await host.Server.App.Services.GetRequiredService<Credence.Registry.Ledger.LedgerService>().SizeAsync();

        await host.RestartAsync();
        var history = (await ApiHost.Json(await host.GetAsync("/v1/ledger/checkpoints"))).EnumerateArray().ToList();
        var last = Assert.Single(history);
        Assert.Equal(size, last.GetProperty("size").GetInt64());

        // Nothing grew: the next stop signs nothing.
        await host.RestartAsync();
        Assert.Single((await ApiHost.Json(await host.GetAsync("/v1/ledger/checkpoints"))).EnumerateArray());
    }
}
