using System.Net;

namespace Credence.Api.Tests;

/// <summary>What the consent, sharing and disclosure tests share: the Sesame-style policy (consent required) and records that lift a subject's grade.</summary>
internal static class SesameHost
{
    public const string Policy = "sesame-persons@2026.1";

    /// <summary>Uploads and activates <c>policies/sesame-persons.yaml</c> through the API; it governs persons from now on.</summary>
    public static async Task ActivateSesameAsync(this ApiHost host)
    {
        var upload = await host.SendAsync(HttpMethod.Post, "/v1/policies", host.OperatorKey, ApiHost.Yaml(ApiHost.PolicyText("sesame-persons.yaml")));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        await host.SignOffAsync(Policy);
        (await host.SendAsync(HttpMethod.Post, $"/v1/policies/{Policy}/activations", host.OperatorKey)).EnsureSuccessStatusCode();
    }

    public static Task<string> CharityAsync(this ApiHost host) =>
        host.KeyAsync("source", "red-cross", recordTypes: ["blood-donation", "volunteering"]);

    /// <summary>Two blood donations and a day of volunteering: +50 under the Sesame-style policy (600 to 650, grade Good) when the subject consents.</summary>
    public static async Task GoodDeedsAsync(this ApiHost host, string charity, string subject, string prefix = "G")
    {
        foreach (var (type, id, occurred) in new[] { ("blood-donation", "1", "2026-03-01T00:00:00Z"), ("blood-donation", "2", "2026-05-01T00:00:00Z"), ("volunteering", "3", "2026-05-10T00:00:00Z") })
        {
            var response = await host.PostAsync("/v1/records", charity, new { subject, type, area = "social", occurred, sourceRecordId = prefix + id });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
    }

    public static object Defaulter(string subject, string id, string note = "enforcement") =>
        new { subject, type = "judgment-defaulter", area = "judicial", occurred = "2026-05-01T00:00:00Z", sourceRecordId = id, legalBasis = "(2026) Enforcement No. " + id, note };

    public static Task<HttpResponseMessage> ConsentAsync(this ApiHost host, string key, bool given) =>
        host.SendAsync(HttpMethod.Put, "/v1/me/consent", key, ApiHost.JsonBody(new { given }));
}
