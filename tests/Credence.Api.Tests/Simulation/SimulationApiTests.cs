using System.Net;

namespace Credence.Api.Tests.Simulation;

/// <summary>Simulations, sign-offs and activation over HTTP: the two-person rule and its refusals as problem details.</summary>
public class SimulationApiTests
{
    private const string Tag = "rongcheng-persons@2026.2";

    private static string Next => ApiHost.PolicyText("rongcheng-persons.yaml")
        .Replace("version: \"2026.1\"", "version: \"2026.2\"", StringComparison.Ordinal)
        .Replace("    points: -10\n    lasts: 1y", "    points: -30\n    lasts: 1y", StringComparison.Ordinal);

    private static async Task<ApiHost> UploadedAsync()
    {
        var host = await ApiHost.StartAsync();
        Assert.Equal(HttpStatusCode.Created, (await host.SendAsync(HttpMethod.Post, "/v1/policies", host.OperatorKey, ApiHost.Yaml(Next))).StatusCode);
        return host;
    }

    private static async Task<(string Id, string Digest)> SimulateAsync(ApiHost host, object? body = null)
    {
        var response = body is null
            ? await host.SendAsync(HttpMethod.Post, $"/v1/policies/{Tag}/simulations", host.OperatorKey)
            : await host.PostAsync($"/v1/policies/{Tag}/simulations", host.OperatorKey, body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await ApiHost.Json(response);
        return (json.GetProperty("id").GetString()!, json.GetProperty("digest").GetString()!);
    }

    private static Task<HttpResponseMessage> ActivateAsync(ApiHost host) => host.SendAsync(HttpMethod.Post, $"/v1/policies/{Tag}/activations", host.OperatorKey);

    [Fact]
    public async Task Simulate_sign_off_by_a_second_operator_then_activate()
    {
        await using var host = await UploadedAsync();
        await Problems.AssertAsync(await ActivateAsync(host), HttpStatusCode.Conflict, "no-simulation");

        var (id, digest) = await SimulateAsync(host);
        await Problems.AssertAsync(await ActivateAsync(host), HttpStatusCode.Conflict, "no-sign-off");

        // The uploader ("admin") may not sign its own upload off.
        await Problems.AssertAsync(await host.PostAsync($"/v1/policies/{Tag}/sign-offs", host.OperatorKey, new { report = digest }), HttpStatusCode.Forbidden, "same-person");

        var read = await ApiHost.Json(await host.GetAsync($"/v1/simulations/{id}", host.OperatorKey));
        Assert.Equal(digest, read.GetProperty("digest").GetString());
        Assert.Equal(Tag, read.GetProperty("report").GetProperty("policy").GetString());
        Assert.Equal("rongcheng-persons@2026.1", read.GetProperty("report").GetProperty("against").GetString());

        var signed = await host.PostAsync($"/v1/policies/{Tag}/sign-offs", host.SecondOperatorKey, new { report = digest });
        Assert.Equal(HttpStatusCode.Created, signed.StatusCode);
        Assert.Equal("policy-reviewer", (await ApiHost.Json(signed)).GetProperty("signedBy").GetString());
        Assert.Equal(HttpStatusCode.Created, (await ActivateAsync(host)).StatusCode);
    }

    [Fact]
    public async Task A_newer_simulation_makes_the_sign_off_stale_and_another_versions_report_does_not_count()
    {
        await using var host = await UploadedAsync();
        var (_, first) = await SimulateAsync(host);
        Assert.Equal(HttpStatusCode.Created, (await host.PostAsync($"/v1/policies/{Tag}/sign-offs", host.SecondOperatorKey, new { report = first })).StatusCode);
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        var (_, second) = await SimulateAsync(host);
        await Problems.AssertAsync(await ActivateAsync(host), HttpStatusCode.Conflict, "stale-report");
        await Problems.AssertAsync(await host.PostAsync($"/v1/policies/{Tag}/sign-offs", host.SecondOperatorKey, new { report = first }), HttpStatusCode.Conflict, "stale-report");

        // The report of the version in force does not sign the draft off.
        var other = await ApiHost.Json(await host.SendAsync(HttpMethod.Post, "/v1/policies/rongcheng-persons@2026.1/simulations", host.OperatorKey));
        await Problems.AssertAsync(await host.PostAsync($"/v1/policies/{Tag}/sign-offs", host.SecondOperatorKey, new { report = other.GetProperty("digest").GetString() }), HttpStatusCode.Conflict, "report-mismatch");
        await Problems.AssertAsync(await host.PostAsync($"/v1/policies/{Tag}/sign-offs", host.SecondOperatorKey, new { report = "sha256:" + new string('0', 64) }), HttpStatusCode.NotFound, "not-found");
        await Problems.AssertAsync(await host.PostAsync($"/v1/policies/{Tag}/sign-offs", host.SecondOperatorKey, new { }), HttpStatusCode.BadRequest, "missing-field");
        await Problems.AssertAsync(await host.PostAsync($"/v1/policies/{Tag}/sign-offs", host.SecondOperatorKey, new { report = second, emergency = true }), HttpStatusCode.BadRequest, "malformed-json");

        Assert.Equal(HttpStatusCode.Created, (await host.PostAsync($"/v1/policies/{Tag}/sign-offs", host.SecondOperatorKey, new { report = second })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await ActivateAsync(host)).StatusCode);
    }

    [Fact]
    public async Task Hostile_simulation_requests_are_refused_with_their_reasons()
    {
        await using var host = await UploadedAsync();
        var path = $"/v1/policies/{Tag}/simulations";
        await Problems.AssertAsync(await host.PostAsync(path, host.OperatorKey, new { asOf = "next tuesday" }), HttpStatusCode.UnprocessableEntity, "bad-instant");
        await Problems.AssertAsync(await host.PostAsync(path, host.OperatorKey, new { asOf = "2026-06-01" }), HttpStatusCode.UnprocessableEntity, "bad-instant");
        await Problems.AssertAsync(await host.PostAsync(path, host.OperatorKey, new { asOf = "２０２６-06-01T00:00:00Z" }), HttpStatusCode.UnprocessableEntity, "bad-instant");
        await Problems.AssertAsync(await host.PostAsync(path, host.OperatorKey, new { asOf = host.Clock.GetUtcNow().AddDays(1).ToString("O") }), HttpStatusCode.UnprocessableEntity, "future-instant");
        await Problems.AssertAsync(await host.PostAsync(path, host.OperatorKey, new { against = "nothing@1" }), HttpStatusCode.NotFound, "not-found");
        await Problems.AssertAsync(await host.PostAsync(path, host.OperatorKey, new { against = "shanghai-organisations@2026.1" }), HttpStatusCode.UnprocessableEntity, "subject-kind-mismatch");
        await Problems.AssertAsync(await host.PostAsync(path, host.OperatorKey, new { purpose = "   " }), HttpStatusCode.BadRequest, "purpose-required");
        await Problems.AssertAsync(await host.PostAsync(path, host.OperatorKey, new { purpose = "\u3000" }), HttpStatusCode.BadRequest, "purpose-required");
        await Problems.AssertAsync(await host.PostAsync(path, host.OperatorKey, new { purpose = "审核\u202e" }), HttpStatusCode.UnprocessableEntity, "invisible-character");
        await Problems.AssertAsync(await host.SendAsync(HttpMethod.Post, path, host.OperatorKey, ApiHost.Text("{", "application/json")), HttpStatusCode.BadRequest, "malformed-json");
        await Problems.AssertAsync(await host.SendAsync(HttpMethod.Post, "/v1/policies/nothing@1/simulations", host.OperatorKey), HttpStatusCode.NotFound, "not-found");
        await Problems.AssertAsync(await host.GetAsync("/v1/simulations/none", host.OperatorKey), HttpStatusCode.NotFound, "not-found");

        var (id, _) = await SimulateAsync(host);
        await Problems.AssertAsync(await host.GetAsync($"/v1/simulations/{id}?purpose=%20%20", host.OperatorKey), HttpStatusCode.BadRequest, "purpose-required");
        var unmasked = await ApiHost.Json(await host.GetAsync($"/v1/simulations/{id}?purpose=%E5%AE%A1%E6%A0%B8%E8%8D%89%E6%A1%88", host.OperatorKey));
        Assert.Equal("unmasked", unmasked.GetProperty("report").GetProperty("subjectIds").GetString());
    }
}
