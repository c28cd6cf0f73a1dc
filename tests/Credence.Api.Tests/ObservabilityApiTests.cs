using System.Net;
using System.Text.RegularExpressions;
using Credence.App.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Credence.Api.Tests;

/// <summary>
/// What an operator watches: <c>/metrics</c> (Prometheus' text format) counts records by source and
/// fate, decisions by measure and outcome with their latency, and ledger batches, and never shows a
/// subject, a key or anything a caller wrote; <c>/healthz/live</c> and <c>/healthz/ready</c>.
/// </summary>
public partial class ObservabilityApiTests
{
    private static object Defaulter(string subject, string id) =>
        new { subject, type = "judgment-defaulter", area = "judicial", occurred = "2026-05-01T00:00:00Z", sourceRecordId = id, legalBasis = "(2026) Enforcement No. " + id };

    [Fact]
    public async Task Metrics_count_records_decisions_and_ledger_batches_and_never_show_what_a_caller_sent()
    {
        await using var host = await ApiHost.StartAsync();
        var court = await host.CourtAsync();
        var rail = await host.KeyAsync("relying-party", "rail", capabilities: ["restrict-g-train"], purpose: "tickets");
        Assert.Equal(HttpStatusCode.Created, (await host.PostAsync("/v1/records", court, Defaulter(ApiHost.Bob, "M-1"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync("/v1/records", court, Defaulter(ApiHost.Bob, "M-1"))).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await host.PostAsync("/v1/records", court, Defaulter("110105194912310021", "M-2"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await host.PostAsync("/v1/decisions", rail, new { subject = ApiHost.Bob, measure = "rail.g-train.ticket" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await host.PostAsync("/v1/decisions", rail, new { subject = ApiHost.Alice, measure = "rail.g-train.ticket" })).StatusCode);

        // Measures no policy knows, in both languages, one of them a subject's number and one a key: refused, counted without their text.
        var hostile = new[] { "月球.ticket", ApiHost.Alice, rail, "x\" } 1\nfake_metric{a=\"b", "rail.g-train.ticket\u200b" };
        foreach (var measure in hostile)
        {
            Assert.NotEqual(HttpStatusCode.Created, (await host.PostAsync("/v1/decisions", rail, new { subject = ApiHost.Bob, measure })).StatusCode);
        }

        var response = await host.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(Value(text, "credence_intake_records_total", ("source", "intermediate-court"), ("fate", "accepted")) >= 1, text);
        Assert.True(Value(text, "credence_intake_records_total", ("source", "intermediate-court"), ("fate", "duplicate")) >= 1, text);
        Assert.True(Value(text, "credence_intake_records_total", ("source", "intermediate-court"), ("fate", "rejected")) >= 1, text);
        Assert.True(Value(text, "credence_decisions_total", ("measure", "rail.g-train.ticket"), ("outcome", "denied")) >= 1, text);
        Assert.True(Value(text, "credence_decisions_total", ("measure", "rail.g-train.ticket"), ("outcome", "allowed")) >= 1, text);
        Assert.True(Value(text, "credence_decisions_total", ("measure", "-"), ("outcome", "refused")) >= hostile.Length, text);
        Assert.True(Value(text, "credence_decision_duration_seconds_count", ("measure", "rail.g-train.ticket"), ("outcome", "denied")) >= 1, text);
        Assert.True(Value(text, "credence_ledger_batch_size_count") >= 1, text);
        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);

        foreach (var secret in new[] { ApiHost.Bob, ApiHost.Alice, rail, court, host.OperatorKey, "月球", "fake_metric", "M-1", "tickets" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Metrics_are_open_to_every_caller_and_the_same_for_each()
    {
        await using var host = await ApiHost.StartAsync();
        var keys = new List<string?> { null, host.OperatorKey, "not-a-key", await host.CourtAsync(), await host.KeyAsync("auditor", "audit") };
        foreach (var key in keys)
        {
            var response = await host.GetAsync("/metrics", key);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("credence_ledger_batch_size", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        foreach (var method in new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete })
        {
            Assert.NotEqual(HttpStatusCode.OK, (await host.SendAsync(method, "/metrics", host.OperatorKey)).StatusCode);
        }
    }

    [Fact]
    public async Task The_registry_is_live_and_ready_and_the_gauges_show_its_state()
    {
        await using var host = await ApiHost.StartAsync(seeded: false);
        var live = await host.GetAsync("/healthz/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("live", (await ApiHost.Json(live)).GetProperty("status").GetString());

        var ready = await host.GetAsync("/healthz/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var body = await ApiHost.Json(ready);
        Assert.Equal("ready", body.GetProperty("status").GetString());
        Assert.Equal(["ledger", "silo", "store"], body.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
        Assert.All(body.GetProperty("checks").EnumerateArray(), c => Assert.Equal("ready", c.GetProperty("status").GetString()));

        // The gauges are read at start (no checkpoint yet: no age to show), then every 15 s of the registry's clock.
        var text = await (await host.GetAsync("/metrics")).Content.ReadAsStringAsync();

        // Orleans' own meter is exported beside the registry's.
        Assert.Contains("otel_scope_name=\"Microsoft.Orleans\"", text, StringComparison.Ordinal);
        var mine = ("registry", host.Origin);
        Assert.Contains($"credence_disputes_open{{otel_scope_name=\"Credence.Registry\",otel_scope_version=\"1.0\",registry=\"{host.Origin}\"}} 0", text, StringComparison.Ordinal);
        Assert.Contains($"credence_scheduler_lag_seconds{{otel_scope_name=\"Credence.Registry\",otel_scope_version=\"1.0\",registry=\"{host.Origin}\"}} 0", text, StringComparison.Ordinal);
        Assert.DoesNotContain($"credence_ledger_checkpoint_age_seconds{{otel_scope_name=\"Credence.Registry\",otel_scope_version=\"1.0\",registry=\"{host.Origin}\"}}", text, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Created, (await host.SendAsync(HttpMethod.Post, "/v1/ledger/checkpoints", host.OperatorKey)).StatusCode);
        host.Clock.Advance(TimeSpan.FromSeconds(20));

        // The gauges' loop runs on the system's timers in these tests (ServerClock); its work is run here, at this instant.
        await host.Server.App.Services.GetRequiredService<RegistryGauges>().RefreshAsync(CancellationToken.None);
        text = await (await host.GetAsync("/metrics")).Content.ReadAsStringAsync();
        var age = Value(text, "credence_ledger_checkpoint_age_seconds", mine);
        Assert.True(age is >= 19.9 and <= 20.1, string.Join("\n", text.Split('\n').Where(l => l.StartsWith("credence_", StringComparison.Ordinal) && !l.Contains("_bucket", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task A_registry_whose_writer_cannot_write_is_live_but_not_ready_and_ready_again_once_it_can()
    {
        await using var host = await ApiHost.StartAsync(policies: false);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/healthz/ready")).StatusCode);

        // Another connection holds the write lock (SQLite) or the writer's clock row (PostgreSQL): the writer cannot begin.
        await using (await StoreLock.TakeAsync(host.Store))
        {
            var notReady = await host.GetAsync("/healthz/ready");
            var detail = (await ApiHost.Json(notReady)).GetProperty("detail").GetString();
            await Problems.AssertAsync(notReady, HttpStatusCode.ServiceUnavailable, "not-ready");
            Assert.StartsWith("not ready: store: ", detail, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/healthz/live")).StatusCode);
        }

        // Released: ready again, with no restart.
        var again = HttpStatusCode.ServiceUnavailable;
        for (var attempt = 0; attempt < 50 && again != HttpStatusCode.OK; attempt++)
        {
            again = (await host.GetAsync("/healthz/ready")).StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, again);
    }

    /// <summary>The value of a Prometheus sample whose labels include <paramref name="labels"/> (summed over the rest), or 0.</summary>
    private static double Value(string text, string name, params (string Key, string Value)[] labels)
    {
        var sum = 0.0;
        foreach (var line in text.Split('\n'))
        {
            var match = Sample().Match(line);
            if (!match.Success || match.Groups["name"].Value != name)
            {
                continue;
            }

            var present = match.Groups["labels"].Value;
            if (labels.All(l => present.Contains($"{l.Key}=\"{l.Value}\"", StringComparison.Ordinal)))
            {
                sum += double.Parse(match.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return sum;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>[-+0-9.eE]+|NaN|\+Inf)")]
    private static partial Regex Sample();
}
