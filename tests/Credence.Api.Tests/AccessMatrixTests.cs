using System.Net;

namespace Credence.Api.Tests;

/// <remarks>
/// The tests of registrations and revocation share a host without policies (<see cref="SharedHost"/>); the matrix starts its own,
/// for it counts every refusal in the access log.
/// </remarks>
public class AccessMatrixTests(SharedHost shared) : SharedHostTests(shared)
{
    private static readonly string[] Roles = ["operator", "source", "relying-party", "subject", "reviewer", "auditor"];

    private static readonly (string Method, string Path, string[] Allowed, Func<HttpContent?> Body)[] Endpoints =
    [
        ("POST", "/v1/principals", ["operator"], () => ApiHost.JsonBody(new { role = "auditor", name = "a-" + Guid.NewGuid().ToString("N")[..8] })),
        ("GET", "/v1/principals", ["operator"], () => null),
        ("DELETE", "/v1/keys/9999", ["operator"], () => null),
        ("POST", "/v1/policies/validate", ["operator"], () => ApiHost.Yaml(ApiHost.PolicyText("rongcheng-persons.yaml"))),
        ("POST", "/v1/policies", ["operator"], () => ApiHost.Yaml(ApiHost.PolicyText("rongcheng-persons.yaml"))),
        ("POST", "/v1/policies/none@1/activations", ["operator"], () => null),
        ("POST", "/v1/policies/none@1/simulations", ["operator"], () => null),
        ("POST", "/v1/policies/none@1/sign-offs", ["operator"], () => ApiHost.JsonBody(new { report = "sha256:00" })),
        ("GET", "/v1/simulations/none", ["operator", "auditor"], () => null),
        ("GET", "/v1/policies", ["operator", "auditor"], () => null),
        ("POST", "/v1/records", ["source"], () => ApiHost.JsonBody(new { subject = ApiHost.Bob, type = "judgment-defaulter", area = "judicial", occurred = "2026-05-01T00:00:00Z", sourceRecordId = "M-1", legalBasis = "case" })),
        ("POST", "/v1/records/batch", ["source"], () => ApiHost.Text("{\"subject\":\"" + ApiHost.Bob + "\"}\n", "application/x-ndjson")),
        ("GET", "/v1/subjects/" + ApiHost.Bob + "?purpose=matrix", ["subject", "reviewer", "auditor"], () => null),
        ("GET", "/v1/me", ["subject"], () => null),
        ("POST", "/v1/decisions", ["relying-party"], () => ApiHost.JsonBody(new { subject = ApiHost.Bob, measure = "rail.g-train.ticket" })),
        ("GET", "/v1/decisions/" + Guid.Empty, ["relying-party"], () => null),
        ("GET", "/v1/decisions/affected", ["relying-party"], () => null),
        ("GET", "/v1/summary", ["operator", "auditor"], () => null),
        ("GET", "/v1/summary/series", ["operator", "auditor"], () => null),
        ("GET", "/v1/reports/fairness", ["operator", "auditor"], () => null),
        ("GET", "/v1/reports/fairness?asOf=2026-06-01T00:00:00Z&minCohort=0", ["operator", "auditor"], () => null),
        ("GET", "/v1/sources/me/batches", ["source"], () => null),
        ("GET", "/v1/sources/me/batches/none", ["source"], () => null),
        ("GET", "/v1/sources/me/batches/none/rejected?format=csv", ["source"], () => null),
        ("GET", "/v1/access-log?purpose=matrix", ["auditor"], () => null),
        ("GET", "/v1/me/consent", ["subject"], () => null),
        ("PUT", "/v1/me/consent", ["subject"], () => ApiHost.JsonBody(new { given = true })),
        ("POST", "/v1/me/shares", ["subject"], () => ApiHost.JsonBody(new { validFor = "7d" })),
        ("GET", "/v1/me/shares", ["subject"], () => null),
        ("DELETE", "/v1/me/shares/1", ["subject"], () => null),
        ("POST", "/v1/shared", ["relying-party"], () => ApiHost.JsonBody(new { code = "shr_AAAAAAAAAAAAAAAAAAAAAA" })),
        ("GET", "/v1/me/disclosure", ["subject"], () => null),
        ("GET", "/v1/me/disclosure.html", ["subject"], () => null),
        ("POST", "/v1/me/disputes", ["subject"], () => ApiHost.JsonBody(new { source = "intermediate-court", sourceRecordId = "none", reason = "matrix" })),
        ("GET", "/v1/me/disputes", ["subject"], () => null),
        ("POST", "/v1/me/disputes/none/escalate", ["subject"], () => ApiHost.JsonBody(new { reason = "matrix" })),
        ("GET", "/v1/disputes", ["source"], () => null),
        ("POST", "/v1/me/disputes/none/evidence?name=a.pdf", ["subject"], () => new ByteArrayContent("%PDF-1.7\n%%EOF"u8.ToArray())),
        ("GET", "/v1/disputes/none/evidence", ["subject", "source", "reviewer"], () => null),
        ("GET", "/v1/disputes/none/evidence/1", ["subject", "source", "reviewer"], () => null),
        ("POST", "/v1/disputes/none/answer", ["source"], () => ApiHost.JsonBody(new { answer = "verify", reason = "matrix" })),
        ("POST", "/v1/me/repairs", ["subject"], () => ApiHost.JsonBody(new { source = "intermediate-court", sourceRecordId = "none" })),
        ("GET", "/v1/me/repairs", ["subject"], () => null),
        ("POST", "/v1/me/repairs/none/appeal", ["subject"], () => ApiHost.JsonBody(new { grounds = "matrix" })),
        ("GET", "/v1/me/notices", ["subject"], () => null),
        ("GET", "/v1/review/queue", ["reviewer"], () => null),
        ("POST", "/v1/review/appeals/none", ["reviewer"], () => ApiHost.JsonBody(new { grant = false, reason = "matrix" })),
        ("POST", "/v1/review/disputes/none", ["reviewer"], () => ApiHost.JsonBody(new { decision = "uphold", reason = "matrix" })),
    ];

    [Fact]
    public async Task Every_endpoint_for_every_role_and_without_a_key()
    {
        await using var host = await ApiHost.StartAsync();
        var keys = new Dictionary<string, string>
        {
            ["operator"] = host.OperatorKey,
            ["source"] = await host.CourtAsync(),
            ["relying-party"] = await host.KeyAsync("relying-party", "rail", capabilities: ["rail.g-train.ticket"], purpose: "tickets"),
            ["subject"] = await host.KeyAsync("subject", "bob", subject: ApiHost.Bob),
            ["reviewer"] = await host.KeyAsync("reviewer", "reviewer"),
            ["auditor"] = await host.KeyAsync("auditor", "auditor"),
        };

        var failures = new List<string>();
        var documented = await DocumentedStatuses.ReadAsync(host);
        int forbidden = 0, unauthorized = 0;
        foreach (var (method, path, allowed, body) in Endpoints)
        {
            foreach (var key in new[] { null, "cred_" + new string('x', 43) })
            {
                var response = await host.SendAsync(new HttpMethod(method), path, key, body());
                unauthorized++;
                failures.Add(documented.Check(method, path, (int)response.StatusCode)!);
                if (response.StatusCode != HttpStatusCode.Unauthorized)
                {
                    failures.Add($"{method} {path} with {(key is null ? "no key" : "an unknown key")}: {(int)response.StatusCode}");
                }
                else
                {
                    await Problems.AssertAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
                }
            }

            foreach (var role in Roles)
            {
                var response = await host.SendAsync(new HttpMethod(method), path, keys[role], body());
                failures.Add(documented.Check(method, path, (int)response.StatusCode)!);
                var refused = response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized;
                if (allowed.Contains(role) == refused)
                {
                    failures.Add($"{method} {path} as {role}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
                else if (refused)
                {
                    forbidden++;
                    await Problems.AssertAsync(response, HttpStatusCode.Forbidden, "forbidden");
                }
            }
        }

        failures.RemoveAll(f => f is null);
        Assert.Empty(failures);

        // Both kinds of refusal are in the access log (read as the auditor, which is itself logged).
        var log = await ApiHost.Json(await host.GetAsync("/v1/access-log?limit=1000&purpose=check", keys["auditor"]));
        var outcomes = log.EnumerateArray().Select(e => e.GetProperty("outcome").GetString()).ToList();
        Assert.Equal(unauthorized, outcomes.Count(o => o == "unauthorized"));
        Assert.Equal(forbidden, outcomes.Count(o => o == "forbidden"));
        Assert.Contains(log.EnumerateArray(), e => e.GetProperty("action").GetString() == "access-log.read" && e.TryGetProperty("purpose", out var p) && p.GetString() == "check");
    }

    [Fact]
    public async Task A_revoked_key_stops_working_at_once()
    {
        var host = await HostAsync(policies: false);
        var created = await ApiHost.Json(await host.PostAsync("/v1/principals", host.OperatorKey, new { role = "auditor", name = "temp" }));
        var key = created.GetProperty("key").GetString();
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/v1/summary", key)).StatusCode);

        var revoke = await host.SendAsync(HttpMethod.Delete, "/v1/keys/" + created.GetProperty("keyId").GetInt64(), host.OperatorKey);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        await Problems.AssertAsync(await host.GetAsync("/v1/summary", key), HttpStatusCode.Unauthorized, "unauthorized");
        await Problems.AssertAsync(await host.SendAsync(HttpMethod.Delete, "/v1/keys/" + created.GetProperty("keyId").GetInt64(), host.OperatorKey), HttpStatusCode.NotFound, "not-found");

        var principals = await ApiHost.Json(await host.GetAsync("/v1/principals", host.OperatorKey));
        Assert.DoesNotContain(key!, principals.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registrations_are_checked_over_HTTP_too()
    {
        var host = await HostAsync(policies: false);
        await Problems.AssertAsync(await host.PostAsync("/v1/principals", host.OperatorKey, new { role = "king", name = "x" }), HttpStatusCode.UnprocessableEntity, "bad-value");
        await Problems.AssertAsync(await host.PostAsync("/v1/principals", host.OperatorKey, new { role = "relying-party", name = "rail", capabilities = new[] { "air.ticket" } }), HttpStatusCode.BadRequest, "purpose-required");
        await Problems.AssertAsync(await host.PostAsync("/v1/principals", host.OperatorKey, new { role = "source", name = "s", recordTypes = new[] { "mosque-visits" } }), HttpStatusCode.UnprocessableEntity, "protected-matter");
        await Problems.AssertAsync(await host.PostAsync("/v1/principals", host.OperatorKey, new { role = "auditor", name = "x", colour = "red" }), HttpStatusCode.BadRequest, "malformed-json");
    }
}
