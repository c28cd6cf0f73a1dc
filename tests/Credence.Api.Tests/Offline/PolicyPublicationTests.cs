using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Credence.App;

namespace Credence.Api.Tests.Offline;

/// <summary>
/// Every policy version that has been in force is public as its exact text with its digest; the
/// disclosure names the version and digest its results come from; the offline scorer takes the text
/// by URL and refuses one whose digest differs.
/// </summary>
[Collection(nameof(ConsoleCollection))]
public sealed class PolicyPublicationTests
{
    private static string Sha(byte[] bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

    [Fact]
    public async Task A_version_is_public_byte_for_byte_from_its_first_day_in_force_never_before_and_its_digest_is_in_the_ledgered_upload()
    {
        await using var host = await ApiHost.StartAsync(policies: false);

        // Windows line ends, a Chinese comment and trailing blanks: the text served is the text uploaded.
        var text = ApiHost.PolicyText("rongcheng-persons.yaml").Replace("\n", "\r\n", StringComparison.Ordinal) + "# 荣成市 2026 版  \r\n";
        var bytes = Encoding.UTF8.GetBytes(text);
        var upload = await host.SendAsync(HttpMethod.Post, "/v1/policies", host.OperatorKey, new ByteArrayContent([.. Encoding.UTF8.Preamble, .. bytes]) { Headers = { ContentType = new("application/yaml") } });
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        const string Path = "/v1/public/policies/rongcheng-persons/2026.1";

        // Uploaded, or activated for later: not yet public.
        Assert.Equal("[]", await (await host.GetAsync("/v1/public/policies")).Content.ReadAsStringAsync());
        await Problems.AssertAsync(await host.GetAsync(Path), HttpStatusCode.NotFound, "not-found");
        var from = host.Clock.GetUtcNow().AddDays(1);
        await host.SignOffAsync("rongcheng-persons@2026.1");
        (await host.PostAsync("/v1/policies/rongcheng-persons@2026.1/activations", host.OperatorKey, new { effectiveFrom = from.ToString("O") })).EnsureSuccessStatusCode();
        await Problems.AssertAsync(await host.GetAsync(Path), HttpStatusCode.NotFound, "not-found");

        host.Clock.SetUtcNow(from);
        var served = await host.GetAsync(Path);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("text/yaml", served.Content.Headers.ContentType!.MediaType);
        var body = await served.Content.ReadAsByteArrayAsync();
        Assert.Equal(bytes, body);
        Assert.Equal(Sha(bytes), Assert.Single(served.Headers.GetValues("Credence-Policy-Digest")));

        var listed = Assert.Single((await ApiHost.Json(await host.GetAsync("/v1/public/policies"))).EnumerateArray());
        Assert.Equal(("rongcheng-persons@2026.1", Sha(bytes), Path), (listed.GetProperty("tag").GetString(), listed.GetProperty("digest").GetString(), listed.GetProperty("text").GetString()));
        var period = Assert.Single(listed.GetProperty("periods").EnumerateArray());
        Assert.Equal(from, period.GetProperty("from").GetDateTimeOffset());
        Assert.False(period.TryGetProperty("to", out _));

        // The upload's ledgered access event carries the digest of the text.
        var upload_ = (await host.Server.Registry.Store.ReadAsync(r => r.AccessLog(0, 1000))).Single(e => e.Action == "policy.upload");
        Assert.Equal($"rongcheng-persons@2026.1 {Sha(bytes)}", upload_.Detail);

        // Other spellings of the route find nothing and never a file of the server.
        foreach (var other in new[]
        {
            "/v1/public/policies/rongcheng-persons@2026.1", "/v1/public/policies/RONGCHENG-PERSONS/2026.1", "/v1/public/policies/rongcheng-persons/2026.1%20",
            "/v1/public/policies/rongcheng-persons/2026.2", "/v1/public/policies/%2e%2e/%2e%2e", "/v1/public/policies/organisations/2026.1", "/v1/public/policies/荣成/2026.1",
        })
        {
            var response = await host.GetAsync(other);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{other}: {(int)response.StatusCode}");
        }

        // A second version in force later: the first stays public with its period closed.
        var next = ApiHost.PolicyText("rongcheng-persons.yaml").Replace("version: \"2026.1\"", "version: \"2026.2\"", StringComparison.Ordinal).Replace("version: 2026.1", "version: 2026.2", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await host.SendAsync(HttpMethod.Post, "/v1/policies", host.OperatorKey, ApiHost.Yaml(next))).StatusCode);
        host.Clock.Advance(TimeSpan.FromDays(3));
        var second = host.Clock.GetUtcNow();
        await host.SignOffAsync("rongcheng-persons@2026.2");
        (await host.SendAsync(HttpMethod.Post, "/v1/policies/rongcheng-persons@2026.2/activations", host.OperatorKey)).EnsureSuccessStatusCode();
        var both = (await ApiHost.Json(await host.GetAsync("/v1/public/policies"))).EnumerateArray().ToList();
        Assert.Equal(["rongcheng-persons@2026.1", "rongcheng-persons@2026.2"], both.Select(p => p.GetProperty("tag").GetString()));
        Assert.Equal(second, both[0].GetProperty("periods")[0].GetProperty("to").GetDateTimeOffset());
        Assert.Equal(bytes, await (await host.GetAsync(Path)).Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_disclosure_names_its_policy_and_digest_and_the_scorer_reproduces_it_from_the_published_text_by_url_and_refuses_another_text()
    {
        await using var host = await ApiHost.StartAsync();
        var court = await host.CourtAsync();
        var water = await host.KeyAsync("source", "city-water", recordTypes: ["late-utility-fees"]);
        var bob = await host.KeyAsync("subject", "bob", subject: ApiHost.Bob);
        var rail = await host.KeyAsync("relying-party", "rail", capabilities: ["rail.g-train.ticket"], purpose: "tickets");
        Assert.Equal(HttpStatusCode.Created, (await host.PostAsync("/v1/records", water, new { subject = ApiHost.Bob, type = "late-utility-fees", area = "social", occurred = "2026-05-01T00:00:00Z", sourceRecordId = "W-1", legalBasis = "arrears notice 1" })).StatusCode);
        host.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.Created, (await host.PostAsync("/v1/records", court, SesameHost.Defaulter(ApiHost.Bob, "Z-1"))).StatusCode);
        host.Clock.Advance(TimeSpan.FromHours(1));
        var opened = await host.PostAsync("/v1/me/disputes", bob, new { source = "city-water", sourceRecordId = "W-1", reason = "paid on time" });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        host.Clock.Advance(TimeSpan.FromHours(1));
        (await host.PostAsync("/v1/decisions", rail, new { subject = ApiHost.Bob, measure = "rail.g-train.ticket" })).EnsureSuccessStatusCode();
        host.Clock.Advance(TimeSpan.FromHours(1));

        var json = await (await host.GetAsync("/v1/me/disclosure", bob)).Content.ReadAsStringAsync();
        var disclosure = JsonDocument.Parse(json).RootElement;
        var policy = disclosure.GetProperty("policy");
        var url = new Uri(host.Client.BaseAddress!, policy.GetProperty("text").GetString()).ToString();
        var served = await host.GetAsync(policy.GetProperty("text").GetString()!);
        Assert.Equal(policy.GetProperty("digest").GetString(), Sha(await served.Content.ReadAsByteArrayAsync()));
        Assert.Contains(disclosure.GetProperty("policies").EnumerateArray(), p => p.GetProperty("tag").GetString() == "rongcheng-persons@2026.1");
        var page = await (await host.GetAsync("/v1/me/disclosure.html", bob)).Content.ReadAsStringAsync();
        Assert.Contains(policy.GetProperty("digest").GetString()!, page, StringComparison.Ordinal);
        var file = System.IO.Path.Combine(host.Folder, "disclosure.json");
        await File.WriteAllTextAsync(file, json);

        var (exit, output, error) = Run(host, "score", "--disclosure", file, "--policy", url, "--json");
        Assert.True(exit == 0, error);
        Assert.Contains($"fetched from {url}): digest {policy.GetProperty("digest").GetString()} matches the file", error, StringComparison.Ordinal);
        var result = JsonDocument.Parse(output).RootElement;
        var registry = disclosure.GetProperty("assessment");
        var offline = result.GetProperty("assessment");
        Assert.Equal((registry.GetProperty("score").GetInt32(), registry.GetProperty("grade").GetString()), (offline.GetProperty("score").GetInt32(), offline.GetProperty("grade").GetString()));
        Assert.Equal(JsonSerializer.Serialize(registry), JsonSerializer.Serialize(offline));
        var due = Assert.Single(result.GetProperty("dueProcess").EnumerateArray());
        Assert.Equal(("city-water/W-1", "open"), (due.GetProperty("record").GetString(), due.GetProperty("disputeState").GetString()));
        var decision = Assert.Single(result.GetProperty("decisions").EnumerateArray());
        Assert.Equal(("denied", "denied", true), (decision.GetProperty("recorded").GetString(), decision.GetProperty("replayed").GetString(), decision.GetProperty("matches").GetBoolean()));

        // Before the dispute the late fee counted; before the court's record the subject was not listed.
        var before = JsonDocument.Parse(Run(host, "score", "--disclosure", file, "--policy", url, "--json", "--as-of", ApiHost.Start.AddMinutes(30).ToString("O")).Out).RootElement;
        Assert.Equal(registry.GetProperty("score").GetInt32() + 100 - 20, before.GetProperty("assessment").GetProperty("score").GetInt32());
        Assert.Empty(before.GetProperty("assessment").GetProperty("listings").EnumerateArray());
        Assert.Empty(before.GetProperty("decisions").EnumerateArray());

        // The same table in text.
        var text = Run(host, "score", "--disclosure", file, "--policy", url);
        Assert.Equal(0, text.Exit);
        Assert.Contains("decisions by ", text.Out, StringComparison.Ordinal);
        Assert.Contains("matching the recorded answer 1", text.Out, StringComparison.Ordinal);
        Assert.Contains("due process: city-water/W-1: dispute ", text.Out, StringComparison.Ordinal);

        // Another text under the same tag, by file or by a URL that serves no policy, is refused and nothing is printed.
        var altered = System.IO.Path.Combine(host.Folder, "altered.yaml");
        await File.WriteAllTextAsync(altered, ApiHost.PolicyText("rongcheng-persons.yaml").Replace("points: -20", "points: -2", StringComparison.Ordinal));
        var refused = Run(host, "score", "--disclosure", file, "--policy", altered);
        Assert.Equal((1, string.Empty), (refused.Exit, refused.Out));
        Assert.Contains("digest-mismatch", refused.Err, StringComparison.Ordinal);
        var trailing = System.IO.Path.Combine(host.Folder, "trailing.yaml");
        await File.WriteAllTextAsync(trailing, ApiHost.PolicyText("rongcheng-persons.yaml") + "\n");
        Assert.Contains("digest-mismatch", Run(host, "score", "--disclosure", file, "--policy", trailing).Err, StringComparison.Ordinal);
        foreach (var bad in new[] { url + "x", url.Replace("/v1/public/", "/v1/", StringComparison.Ordinal), "http://127.0.0.1:1/v1/public/policies/rongcheng-persons/2026.1" })
        {
            var failed = Run(host, "score", "--disclosure", file, "--policy", bad);
            Assert.True(failed.Exit == 1 && failed.Out.Length == 0, bad + ": " + failed.Err);
        }

        // Nothing after the file's instant can be reproduced from it.
        var later = Run(host, "score", "--disclosure", file, "--policy", url, "--as-of", host.Clock.GetUtcNow().AddDays(1).ToString("O"));
        Assert.Equal(1, later.Exit);
        Assert.Contains("after the file's instant", later.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_spans_two_policy_versions_is_reproduced_under_each_in_its_period_and_asks_for_a_text_it_was_not_given()
    {
        await using var host = await ApiHost.StartAsync();
        var water = await host.KeyAsync("source", "city-water", recordTypes: ["late-utility-fees"]);
        var bob = await host.KeyAsync("subject", "bob", subject: ApiHost.Bob);
        var rental = await host.KeyAsync("relying-party", "lettings", capabilities: ["deposit-free-rental"], purpose: "deposits");
        Assert.Equal(HttpStatusCode.Created, (await host.PostAsync("/v1/records", water, new { subject = ApiHost.Bob, type = "late-utility-fees", area = "social", occurred = "2026-05-01T00:00:00Z", sourceRecordId = "W-1", legalBasis = "arrears notice 1" })).StatusCode);
        host.Clock.Advance(TimeSpan.FromHours(1));
        (await host.PostAsync("/v1/decisions", rental, new { subject = ApiHost.Bob, measure = "deposit-free-rental" })).EnsureSuccessStatusCode();
        var first = host.Clock.GetUtcNow();

        // Version 2026.2 weighs late utility fees at -25, from a day later.
        var next = ApiHost.PolicyText("rongcheng-persons.yaml").Replace("version: \"2026.1\"", "version: \"2026.2\"", StringComparison.Ordinal)
            .Replace("    points: -20\n    lasts: 1y\n    severity: general\n    counts-while-disputed: false", "    points: -25\n    lasts: 1y\n    severity: general\n    counts-while-disputed: false", StringComparison.Ordinal);
        Assert.Contains("points: -25", next, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await host.SendAsync(HttpMethod.Post, "/v1/policies", host.OperatorKey, ApiHost.Yaml(next))).StatusCode);
        host.Clock.Advance(TimeSpan.FromDays(1));
        await host.SignOffAsync("rongcheng-persons@2026.2");
        (await host.SendAsync(HttpMethod.Post, "/v1/policies/rongcheng-persons@2026.2/activations", host.OperatorKey)).EnsureSuccessStatusCode();
        host.Clock.Advance(TimeSpan.FromHours(1));
        (await host.PostAsync("/v1/decisions", rental, new { subject = ApiHost.Bob, measure = "deposit-free-rental" })).EnsureSuccessStatusCode();
        host.Clock.Advance(TimeSpan.FromHours(1));

        var file = System.IO.Path.Combine(host.Folder, "disclosure.json");
        await File.WriteAllTextAsync(file, await (await host.GetAsync("/v1/me/disclosure", bob)).Content.ReadAsStringAsync());
        var old = new Uri(host.Client.BaseAddress!, "/v1/public/policies/rongcheng-persons/2026.1").ToString();
        var current = new Uri(host.Client.BaseAddress!, "/v1/public/policies/rongcheng-persons/2026.2").ToString();

        var now = JsonDocument.Parse(Run(host, "score", "--disclosure", file, "--policy", old, "--policy", current, "--json").Out).RootElement;
        Assert.Equal(("rongcheng-persons@2026.2", 975), (now.GetProperty("policy").GetString(), now.GetProperty("assessment").GetProperty("score").GetInt32()));
        Assert.All(now.GetProperty("decisions").EnumerateArray(), d => Assert.True(d.GetProperty("matches").GetBoolean(), d.ToString()));
        Assert.Equal(["rongcheng-persons@2026.1", "rongcheng-persons@2026.2"], now.GetProperty("decisions").EnumerateArray().Select(d => d.GetProperty("policyVersion").GetString()));
        var then = JsonDocument.Parse(Run(host, "score", "--disclosure", file, "--policy", old, "--policy", current, "--json", "--as-of", first.ToString("O")).Out).RootElement;
        Assert.Equal(("rongcheng-persons@2026.1", 980), (then.GetProperty("policy").GetString(), then.GetProperty("assessment").GetProperty("score").GetInt32()));

        // Given only the current text, the earlier instant is refused (naming the text to fetch) and the earlier decision is not replayed.
        var refused = Run(host, "score", "--disclosure", file, "--policy", current, "--as-of", first.ToString("O"));
        Assert.Equal((1, string.Empty), (refused.Exit, refused.Out));
        Assert.Contains("policy-not-given: at ", refused.Err, StringComparison.Ordinal);
        Assert.Contains("/v1/public/policies/rongcheng-persons/2026.1", refused.Err, StringComparison.Ordinal);
        var partial = JsonDocument.Parse(Run(host, "score", "--disclosure", file, "--policy", current, "--json").Out).RootElement;
        Assert.Contains("pass that version", partial.GetProperty("decisions")[0].GetProperty("notReplayed").GetString(), StringComparison.Ordinal);
        Assert.True(partial.GetProperty("decisions")[1].GetProperty("matches").GetBoolean());
        Assert.Equal(1, Run(host, "score", "--disclosure", file, "--policy", current, "--policy", current).Exit);
    }

    private static (int Exit, string Out, string Err) Run(ApiHost host, params string[] args) => CliRun.Run(host.Clock, args);
}
