using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Credence.Portal.Tests.Browser;

/// <summary>
/// What the subject's journeys need from the other roles, through the HTTP API as those roles use it
/// today: a fresh person with a subject key (the operator), the court's defaulter record (a source),
/// a ticket decision (a relying party) and the court's answer to a dispute.
/// </summary>
public sealed class SubjectFixtures(CityServer server) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = server.Address };

    /// <summary>A valid resident identity number nobody in the city has: Beijing, born 1985, a random sequence, the MOD 11-2 check.</summary>
    public static string FreshPerson()
    {
        var body = "110105" + "1985" + Random.Shared.Next(1, 13).ToString("D2", System.Globalization.CultureInfo.InvariantCulture)
            + Random.Shared.Next(1, 29).ToString("D2", System.Globalization.CultureInfo.InvariantCulture) + Random.Shared.Next(900, 1000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = body.Select((c, i) => (c - '0') * weights[i]).Sum();
        return body + "10X98765432"[sum % 11];
    }

    /// <summary>A subject key for <paramref name="person"/>, registered by the operator.</summary>
    public async Task<string> SubjectKeyAsync(string person)
    {
        var created = await SendAsync(HttpMethod.Post, "v1/principals", server.Keys["city-operator"].Key,
            new { role = "subject", name = "portal-" + person.ToLowerInvariant(), subject = person });
        return created.GetProperty("key").GetString()!;
    }

    /// <summary>The court lists <paramref name="person"/> as a judgment defaulter; returns the record's source id.</summary>
    public async Task<string> DefaulterAsync(string person)
    {
        var id = "PS-" + Guid.NewGuid().ToString("N")[..10];
        await SendAsync(HttpMethod.Post, "v1/records", server.Keys["court"].Key, new
        {
            subject = person,
            type = "judgment-defaulter",
            area = "judicial",
            occurred = DateTimeOffset.UtcNow.AddDays(-3).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            sourceRecordId = id,
            legalBasis = "(2026) Jing 0105 Zhi No. " + id,
        });
        return id;
    }

    /// <summary>The railway asks whether <paramref name="person"/> may buy a G-train ticket; returns the answer.</summary>
    public async Task<string> TicketAsync(string person)
    {
        var decision = await SendAsync(HttpMethod.Post, "v1/decisions", server.Keys["railway-ticketing"].Key, new { subject = person, measure = "rail.g-train.ticket" });
        return decision.GetProperty("outcome").GetString()!;
    }

    /// <summary>The court withdraws the disputed record with its reason.</summary>
    public Task WithdrawAsync(string disputeId) =>
        SendAsync(HttpMethod.Post, $"v1/disputes/{Uri.EscapeDataString(disputeId)}/answer", server.Keys["court"].Key,
            new { answer = "withdraw", reason = "identifier mix-up: the judgment debtor is another person" });

    /// <summary>The court's view of one of its disputes (open or closed), by id.</summary>
    public async Task<JsonElement> CourtDisputeAsync(string disputeId)
    {
        foreach (var state in new[] { "open", "closed" })
        {
            var list = await SendAsync(HttpMethod.Get, "v1/disputes?state=" + state, server.Keys["court"].Key, null);
            foreach (var d in (list.ValueKind == JsonValueKind.Array ? list : list.GetProperty("disputes")).EnumerateArray())
            {
                if (d.GetProperty("id").GetString() == disputeId)
                {
                    return d;
                }
            }
        }

        throw new InvalidOperationException("the court does not see dispute " + disputeId);
    }

    /// <summary>The court's list of a dispute's evidence files, through the API (<c>GET /v1/disputes/{id}/evidence</c>).</summary>
    public Task<JsonElement> CourtEvidenceAsync(string disputeId) =>
        SendAsync(HttpMethod.Get, $"v1/disputes/{Uri.EscapeDataString(disputeId)}/evidence", server.Keys["court"].Key, null);

    /// <summary>The railway uses a share code (<c>POST /v1/shared</c>); returns the shared grade document.</summary>
    public Task<JsonElement> UseShareAsync(string code) =>
        SendAsync(HttpMethod.Post, "v1/shared", server.Keys["railway-ticketing"].Key, new { code });

    /// <summary>The subject makes a share code for any relying party with <paramref name="purpose"/> (<c>POST /v1/me/shares</c>); returns the code.</summary>
    public async Task<string> ShareAsync(string subjectKey, string purpose)
    {
        var issued = await SendAsync(HttpMethod.Post, "v1/me/shares", subjectKey, new { purpose, validFor = "30d" });
        return issued.GetProperty("code").GetString()!;
    }

    public void Dispose() => http.Dispose();

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, string key, object? body)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
