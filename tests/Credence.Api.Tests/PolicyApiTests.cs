using System.Net;

namespace Credence.Api.Tests;

public class PolicyApiTests
{
    [Fact]
    public async Task Upload_validate_activate_and_list()
    {
        await using var host = await ApiHost.StartAsync(policies: false);
        var text = ApiHost.PolicyText("rongcheng-persons.yaml");

        var valid = await ApiHost.Json(await host.SendAsync(HttpMethod.Post, "/v1/policies/validate", host.OperatorKey, ApiHost.Yaml(text)));
        Assert.Equal((true, "rongcheng-persons@2026.1"), (valid.GetProperty("valid").GetBoolean(), valid.GetProperty("tag").GetString()));

        var created = await host.SendAsync(HttpMethod.Post, "/v1/policies", host.OperatorKey, ApiHost.Yaml(text));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(HttpMethod.Post, "/v1/policies", host.OperatorKey, ApiHost.Yaml(text))).StatusCode);
        await Problems.AssertAsync(await host.SendAsync(HttpMethod.Post, "/v1/policies", host.OperatorKey, ApiHost.Yaml(text.Replace("points: -20", "points: -25", StringComparison.Ordinal))), HttpStatusCode.Conflict, "conflict");

        var from = host.Clock.GetUtcNow().AddDays(7);
        await host.SignOffAsync("rongcheng-persons@2026.1");
        var activation = await host.PostAsync("/v1/policies/rongcheng-persons@2026.1/activations", host.OperatorKey, new { effectiveFrom = from.ToString("O") });
        Assert.Equal(HttpStatusCode.Created, activation.StatusCode);
        Assert.Equal(from, (await ApiHost.Json(activation)).GetProperty("effectiveFrom").GetDateTimeOffset());

        var listed = await ApiHost.Json(await host.GetAsync("/v1/policies", host.OperatorKey));
        Assert.False(listed[0].GetProperty("activeNow").GetBoolean());
        host.Clock.SetUtcNow(from);
        listed = await ApiHost.Json(await host.GetAsync("/v1/policies", host.OperatorKey));
        Assert.True(listed[0].GetProperty("activeNow").GetBoolean());
        Assert.Equal(1, listed[0].GetProperty("activations").GetArrayLength());
    }

    [Fact]
    public async Task Refused_policies_and_activations()
    {
        await using var host = await ApiHost.StartAsync(policies: false);
        var bad = ApiHost.PolicyText("rongcheng-persons.yaml").Replace("matter: heroic-acts", "matter: religion", StringComparison.Ordinal);
        var refused = await host.SendAsync(HttpMethod.Post, "/v1/policies", host.OperatorKey, ApiHost.Yaml(bad));
        await Problems.AssertAsync(refused, HttpStatusCode.UnprocessableEntity, "invalid-policy");
        Assert.True((await ApiHost.Json(refused)).GetProperty("errors").GetArrayLength() >= 1);
        await Problems.AssertAsync(await host.SendAsync(HttpMethod.Post, "/v1/policies/validate", host.OperatorKey, ApiHost.Yaml("policy: [")), HttpStatusCode.UnprocessableEntity, "invalid-policy");

        await Problems.AssertAsync(await host.SendAsync(HttpMethod.Post, "/v1/policies/nothing@1/activations", host.OperatorKey), HttpStatusCode.NotFound, "not-found");
        await host.SendAsync(HttpMethod.Post, "/v1/policies", host.OperatorKey, ApiHost.Yaml(ApiHost.PolicyText("rongcheng-persons.yaml")));
        const string path = "/v1/policies/rongcheng-persons@2026.1/activations";
        await host.SignOffAsync("rongcheng-persons@2026.1");
        await Problems.AssertAsync(await host.PostAsync(path, host.OperatorKey, new { effectiveFrom = "next tuesday" }), HttpStatusCode.UnprocessableEntity, "bad-instant");

        // An instant states its offset, in ASCII digits: a bare date (whose own hyphen once passed for an offset's sign), a
        // local time, a compact offset, other scripts' digits, a week date, padding and a time zone name are all refused.
        foreach (var vague in new[] { "2030-06-01", "2030-06-01T00:00:00", "2030-06-01T00:00", "2030-06-01T00:00:00+0800", "２０３０-06-01T00:00:00Z", "٢٠٣٠-06-01T00:00:00Z", "2030-W22-6T00:00:00Z", " 2030-06-01T00:00:00Z", "2030-06-01T00:00:00Z\n", "2030-06-01T00:00:00 CST", "2030-06-01 00:00:00Z", "2030年6月1日" })
        {
            await Problems.AssertAsync(await host.PostAsync(path, host.OperatorKey, new { effectiveFrom = vague }), HttpStatusCode.UnprocessableEntity, "bad-instant");
        }

        await Problems.AssertAsync(await host.PostAsync(path, host.OperatorKey, new { effectiveFrom = "2020-01-01T00:00:00Z" }), HttpStatusCode.UnprocessableEntity, "bad-value");
        await Problems.AssertAsync(await host.PostAsync(path, host.OperatorKey, new { effectiveFrom = "2030-01-01T00:00:00Z", by = "me" }), HttpStatusCode.BadRequest, "malformed-json");
    }
}
