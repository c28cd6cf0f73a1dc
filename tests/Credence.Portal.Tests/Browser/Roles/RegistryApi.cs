using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Credence.Portal.Tests.Browser.Roles;

/// <summary>
/// The registry's HTTP API, as the other parties of a journey use it (a subject disputing, escalating):
/// the role pages are tested in the browser, the steps before and after them through the API.
/// </summary>
internal sealed class RegistryApi(PortalFixture fixture) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = fixture.Server.Address };

    /// <summary>A dispute of one of a demo subject's records, opened with evidence, and the source that must answer it.</summary>
    public async Task<OpenedDispute> DisputeAsync(string reason, string evidence)
    {
        var sources = fixture.Server.Keys.Values.Where(k => k.Role == "source").Select(k => k.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var subject in fixture.Server.Keys.Values.Where(k => k.Role == "subject"))
        {
            using var file = JsonDocument.Parse(await SendAsync(HttpMethod.Get, "v1/me", subject.Key, null, HttpStatusCode.OK));
            var keys = file.RootElement.GetProperty("records").EnumerateArray()
                .Select(r => (Source: r.GetProperty("source").GetString()!, Id: r.GetProperty("sourceRecordId").GetString()!))
                .Where(k => sources.Contains(k.Source))
                .Distinct();
            foreach (var (source, id) in keys)
            {
                using var request = Request(HttpMethod.Post, "v1/me/disputes", subject.Key, new { source, sourceRecordId = id, reason, evidence });
                using var response = await http.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    using var dispute = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                    return new OpenedDispute(dispute.RootElement.GetProperty("id").GetString()!, subject, fixture.Server.Keys[source], id);
                }
            }
        }

        throw new InvalidOperationException("no demo subject has a record left to dispute");
    }

    /// <summary>A dispute the source verified and the subject escalated to a reviewer.</summary>
    public async Task<OpenedDispute> EscalatedAsync(string reason)
    {
        var dispute = await DisputeAsync(reason, "a receipt of payment");
        await SendAsync(HttpMethod.Post, $"v1/disputes/{dispute.Id}/answer", dispute.Source.Key, new { answer = "verify", reason = "checked against the judgment" }, HttpStatusCode.OK);
        await SendAsync(HttpMethod.Post, $"v1/me/disputes/{dispute.Id}/escalate", dispute.Subject.Key, new { reason = "the judgment names another person" }, HttpStatusCode.OK);
        return dispute;
    }

    /// <summary>A request with a key; asserts the status and answers the body.</summary>
    public async Task<string> SendAsync(HttpMethod method, string path, string key, object? body, HttpStatusCode expected)
    {
        using var request = Request(method, path, key, body);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path} answered {(int)response.StatusCode}: {text}");
        return text;
    }

    /// <summary>Uploads policy text (POST /v1/policies) with a key; answers the stored version's tag.</summary>
    public async Task<string> UploadPolicyAsync(string key, string yaml)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/policies") { Content = new StringContent(yaml, System.Text.Encoding.UTF8, "application/yaml") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST v1/policies answered {(int)response.StatusCode}: {text}");
        using var stored = JsonDocument.Parse(text);
        return stored.RootElement.GetProperty("tag").GetString()!;
    }

    /// <summary>A new operator's key (POST /v1/principals by the demo's operator, who is shown it: the two-person rule counts them as one person).</summary>
    public async Task<string> OperatorKeyAsync(string name)
    {
        var text = await SendAsync(HttpMethod.Post, "v1/principals", fixture.Server.KeyOf("operator").Key, new { role = "operator", name }, HttpStatusCode.Created);
        using var issued = JsonDocument.Parse(text);
        return issued.RootElement.GetProperty("key").GetString()!;
    }

    /// <summary>The status of a request with a key.</summary>
    public async Task<HttpStatusCode> StatusAsync(HttpMethod method, string path, string key)
    {
        using var request = Request(method, path, key, null);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    public void Dispose() => http.Dispose();

    private static HttpRequestMessage Request(HttpMethod method, string path, string key, object? body)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return request;
    }
}

/// <summary>A dispute opened for a test: its id, the subject who opened it, the source that must answer, and the record's id at the source.</summary>
internal sealed record OpenedDispute(string Id, DemoKey Subject, DemoKey Source, string SourceRecordId);
