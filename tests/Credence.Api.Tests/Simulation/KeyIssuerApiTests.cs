using System.Net;

namespace Credence.Api.Tests.Simulation;

/// <summary>
/// The two-person rule against one operator with many keys: whoever issued a key was shown it, so an operator
/// that registers another operator over the API (or issues a key of an existing one) could act as it. Every way
/// of turning that into a sign-off of one's own upload is refused as <c>same-person</c>, at the sign-off and again
/// at activation; operators whose keys the command line handed over review each other as before.
/// </summary>
public class KeyIssuerApiTests
{
    private static string Version(string version) => ApiHost.PolicyText("rongcheng-persons.yaml")
        .Replace("version: \"2026.1\"", $"version: \"{version}\"", StringComparison.Ordinal)
        .Replace("    points: -10\n    lasts: 1y", "    points: -30\n    lasts: 1y", StringComparison.Ordinal);

    private static async Task<string> UploadAsync(ApiHost host, string key, string version)
    {
        var response = await host.SendAsync(HttpMethod.Post, "/v1/policies", key, ApiHost.Yaml(Version(version)));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await ApiHost.Json(response)).GetProperty("tag").GetString()!;
    }

    private static async Task<string> SimulateAsync(ApiHost host, string key, string tag)
    {
        var response = await host.SendAsync(HttpMethod.Post, $"/v1/policies/{tag}/simulations", key);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await ApiHost.Json(response)).GetProperty("digest").GetString()!;
    }

    /// <summary>Registers an operator (or issues another key of one) with <paramref name="issuer"/>'s key; its key and key id.</summary>
    private static async Task<(string Key, long Id)> OperatorAsync(ApiHost host, string issuer, string name)
    {
        var response = await host.PostAsync("/v1/principals", issuer, new { role = "operator", name });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await ApiHost.Json(response);
        return (json.GetProperty("key").GetString()!, json.GetProperty("keyId").GetInt64());
    }

    /// <summary>Asserts a <c>same-person</c> refusal whose detail names <paramref name="named"/>.</summary>
    private static async Task RefusedAsync(HttpResponseMessage response, params string[] named)
    {
        var detail = (await ApiHost.Json(response)).GetProperty("detail").GetString()!;
        await Problems.AssertAsync(response, HttpStatusCode.Forbidden, "same-person");
        foreach (var name in named)
        {
            Assert.Contains(name, detail, StringComparison.Ordinal);
        }
    }

    private static Task<HttpResponseMessage> SignOffAsync(ApiHost host, string key, string tag, string digest) =>
        host.PostAsync($"/v1/policies/{tag}/sign-offs", key, new { report = digest });

    [Fact]
    public async Task An_operator_cannot_sign_off_its_own_upload_through_an_operator_it_registered_however_it_names_it_or_chains_it()
    {
        await using var host = await ApiHost.StartAsync();
        var tag = await UploadAsync(host, host.OperatorKey, "2026.2");
        var digest = await SimulateAsync(host, host.OperatorKey, tag);

        // A deputy the uploader registered, under names that look like someone else's (names are lower-case tokens:
        // no other script, no full width, so no look-alike of a name; the rule does not read names anyway).
        foreach (var name in new[] { "admin-deputy", "policy-reviewer-2", "policy.reviewer", "reviewer" })
        {
            var (deputy, _) = await OperatorAsync(host, host.OperatorKey, name);
            await RefusedAsync(await SignOffAsync(host, deputy, tag, digest), "admin", name);
        }

        // A chain: the uploader's deputy registers a deputy of its own.
        var (first, _) = await OperatorAsync(host, host.OperatorKey, "deputy-1");
        var (second, _) = await OperatorAsync(host, first, "deputy-2");
        var (third, _) = await OperatorAsync(host, second, "deputy-3");
        await RefusedAsync(await SignOffAsync(host, third, tag, digest), "admin", "deputy-3");

        // Nothing of it was signed off: activation still wants a sign-off.
        await Problems.AssertAsync(await host.SendAsync(HttpMethod.Post, $"/v1/policies/{tag}/activations", host.OperatorKey), HttpStatusCode.Conflict, "no-sign-off");

        // The operator the command line handed a key over to signs it off.
        Assert.Equal(HttpStatusCode.Created, (await SignOffAsync(host, host.SecondOperatorKey, tag, digest)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await host.SendAsync(HttpMethod.Post, $"/v1/policies/{tag}/activations", host.OperatorKey)).StatusCode);
    }

    [Fact]
    public async Task Two_puppets_of_one_operator_and_an_uploader_whose_key_the_signer_issued_are_refused()
    {
        await using var host = await ApiHost.StartAsync();

        // Two operators the same operator registered: one uploads, the other signs off; the detail names the one behind both.
        var (uploader, _) = await OperatorAsync(host, host.OperatorKey, "puppet-a");
        var (signer, _) = await OperatorAsync(host, host.OperatorKey, "puppet-b");
        var tag = await UploadAsync(host, uploader, "2026.2");
        var digest = await SimulateAsync(host, uploader, tag);
        await RefusedAsync(await SignOffAsync(host, signer, tag, digest), "admin", "puppet-a", "puppet-b");

        // The signer registered the uploader: it could have uploaded the version itself.
        var (deputy, _) = await OperatorAsync(host, host.SecondOperatorKey, "reviewer-deputy");
        var other = await UploadAsync(host, deputy, "2026.3");
        var otherDigest = await SimulateAsync(host, deputy, other);
        await RefusedAsync(await SignOffAsync(host, host.SecondOperatorKey, other, otherDigest), "policy-reviewer", "reviewer-deputy");

        // An operator the uploader did not register, and that did not register it, may: "admin" signs off what
        // the reviewer's deputy uploaded, though admin registered other deputies.
        Assert.Equal(HttpStatusCode.Created, (await SignOffAsync(host, host.OperatorKey, other, otherDigest)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await host.SendAsync(HttpMethod.Post, $"/v1/policies/{other}/activations", deputy)).StatusCode);
    }

    [Fact]
    public async Task A_key_issued_to_the_reviewer_by_the_uploader_counts_even_revoked_and_one_issued_after_the_sign_off_does_not()
    {
        await using var host = await ApiHost.StartAsync();

        // Signed off by the independent reviewer before any key ties the two.
        var signed = await UploadAsync(host, host.OperatorKey, "2026.3");
        var signedDigest = await SimulateAsync(host, host.OperatorKey, signed);
        Assert.Equal(HttpStatusCode.Created, (await SignOffAsync(host, host.SecondOperatorKey, signed, signedDigest)).StatusCode);
        host.Clock.Advance(TimeSpan.FromSeconds(1));

        // The uploader issues another key of the reviewer (the same registration again) and revokes it at once: it was
        // shown the key, so a sign-off of its uploads with any of the reviewer's keys is refused from now on.
        var (copy, copyId) = await OperatorAsync(host, host.OperatorKey, "policy-reviewer");
        Assert.Equal(HttpStatusCode.NoContent, (await host.SendAsync(HttpMethod.Delete, $"/v1/keys/{copyId}", host.OperatorKey)).StatusCode);
        var tag = await UploadAsync(host, host.OperatorKey, "2026.2");
        var digest = await SimulateAsync(host, host.OperatorKey, tag);
        await RefusedAsync(await SignOffAsync(host, host.SecondOperatorKey, tag, digest), "admin", "policy-reviewer");
        await Problems.AssertAsync(await SignOffAsync(host, copy, tag, digest), HttpStatusCode.Unauthorized, "unauthorized");

        // The sign-off made before the key existed stands: the rule is judged as of the sign-off.
        Assert.Equal(HttpStatusCode.Created, (await host.SendAsync(HttpMethod.Post, $"/v1/policies/{signed}/activations", host.OperatorKey)).StatusCode);
    }
}
