using System.Net;
using System.Text.Json;

namespace Credence.Api.Tests.DueProcess;

/// <summary>Helpers for the due-process tests: the parties of the stories, their records, and the scheduler run by hand on the manual clock.</summary>
internal static class DueProcessHost
{
    public const string Court = "intermediate-court";

    public static object Defaulter(string subject, string id, string occurred = "2026-05-20T00:00:00Z") =>
        new { subject, type = "judgment-defaulter", area = "judicial", occurred, sourceRecordId = id, legalBasis = "(2026) Enforcement No. " + id };

    public static object LateUtility(string subject, string id, string occurred) =>
        new { subject, type = "late-utility-fees", area = "social", occurred, sourceRecordId = id, legalBasis = "Water supply contract, account " + id };

    public static object Tax(string subject, string id, string occurred = "2026-04-01T00:00:00Z") =>
        new { subject, type = "tax-evasion", area = "administrative", occurred, sourceRecordId = id, legalBasis = "Tax decision " + id };

    public static async Task<JsonElement> Created(Task<HttpResponseMessage> sending)
    {
        var response = await sending;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"expected 201, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<JsonElement> Ok(Task<HttpResponseMessage> sending)
    {
        var response = await sending;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"expected 200, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Sets the clock and runs the scheduler as its background loop would on waking then.</summary>
    public static async Task RunAtAsync(this ApiHost host, DateTimeOffset at)
    {
        host.Clock.SetUtcNow(at);
        await host.Server.Registry.Scheduler.RunDueAsync();
    }

    public static Task<string> SubjectAsync(this ApiHost host, string name, string subject) => host.KeyAsync("subject", name, subject: subject);

    public static async Task<JsonElement> NoticesAsync(this ApiHost host, string key) => await Ok(host.GetAsync("/v1/me/notices?limit=100", key));

    /// <summary>The kinds of a subject's notices, oldest first.</summary>
    public static async Task<List<string>> NoticeKindsAsync(this ApiHost host, string key) =>
        [.. (await host.NoticesAsync(key)).EnumerateArray().Select(n => n.GetProperty("kind").GetString()!).Reverse()];

    public static async Task<JsonElement> FileAsync(this ApiHost host, string key) => await Ok(host.GetAsync("/v1/me", key));

    public static DateTimeOffset Instant(this JsonElement e, string property) => e.GetProperty(property).GetDateTimeOffset();

    public static string Text(this JsonElement e, string property) => e.GetProperty(property).GetString()!;
}
