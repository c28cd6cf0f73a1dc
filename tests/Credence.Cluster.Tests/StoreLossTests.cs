using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Xunit.Abstractions;

namespace Credence.Cluster.Tests;

/// <summary>
/// A silo that loses its database: its connection to PostgreSQL goes through a loopback forwarder the
/// test cuts. While cut, every request that needs the store is answered 503 with the problem
/// <c>store-unavailable</c> (whatever the route: a record, a batch, a decision, a file read) and nothing
/// of it is stored, and the silo is live but not ready; once the database is back it answers again,
/// the same process, without a restart.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync")]
public sealed class StoreLossTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(30);

    private static readonly string Occurred = DateTimeOffset.UtcNow.AddDays(-30).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private LoopbackForwarder? forwarder;
    private RegistryCluster? cluster;

    public async Task InitializeAsync()
    {
        var (host, port) = ClusterDatabase.ServerEndpoint();
        forwarder = new LoopbackForwarder(host, port);
        cluster = await RegistryCluster.StartAsync(1, (database, _) => database.Through("127.0.0.1", forwarder.Port));
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (cluster is not null)
            {
                await cluster.DisposeAsync();
            }
        }
        finally
        {
            if (forwarder is not null)
            {
                await forwarder.DisposeAsync();
            }
        }
    }

    private static string Record(string subject, string id) => JsonSerializer.Serialize(new
    {
        subject, type = "judgment-defaulter", area = "judicial", occurred = Occurred, sourceRecordId = id, legalBasis = "(2026) Enforcement No. " + id,
    });

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_silo_that_loses_its_database_answers_503_store_unavailable_and_recovers_without_a_restart()
    {
        var c = cluster!;
        var silo = c.Silos[0];
        var pid = silo.Pid;
        var subject = PersonIds.Person(300);
        var client = silo.Client;
        await RegistryCluster.Expect(await RegistryCluster.SendAsync(client, HttpMethod.Post, "/v1/records", c.CourtKey, Json(Record(subject, "before"))), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/healthz/ready", UriKind.Relative))).StatusCode);

        forwarder!.Cut();
        var cutAt = Stopwatch.StartNew();

        // Every route that needs the store, each asked twice (the second time on no stale connection).
        var routes = new (string Name, Func<Task<HttpResponseMessage>> Send)[]
        {
            ("record", () => RegistryCluster.SendAsync(client, HttpMethod.Post, "/v1/records", c.CourtKey, Json(Record(subject, "during-1")))),
            ("batch", () => RegistryCluster.SendAsync(client, HttpMethod.Post, "/v1/records/batch", c.CourtKey, RegistryCluster.Ndjson([Record(subject, "during-2"), Record(PersonIds.Person(301), "during-3")]))),
            ("decision", () => RegistryCluster.SendAsync(client, HttpMethod.Post, "/v1/decisions", c.RailwayKey, RegistryCluster.Body(new { subject, measure = RegistryCluster.Measure }))),
            ("file read", () => RegistryCluster.SendAsync(client, HttpMethod.Get, $"/v1/subjects/{subject}?purpose=audit", c.AuditorKey)),
            ("intake history", () => RegistryCluster.SendAsync(client, HttpMethod.Get, "/v1/sources/me/batches", c.CourtKey)),
        };
        var answered = new List<string>();
        foreach (var (name, send) in routes.Concat(routes))
        {
            HttpResponseMessage response;
            try
            {
                response = await send();
            }
            catch (HttpRequestException e)
            {
                Assert.Fail($"{name} while the database is cut: no answer ({e.Message}); the silo {(silo.HasExited ? "exited" : "runs")}\n{c.Logs()}");
                throw;
            }

            using var _ = response;
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{name} while the database is cut: {(int)response.StatusCode} {body}\n{c.Logs()}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(body).RootElement;
            Assert.Equal("urn:credence:problem:store-unavailable", problem.GetProperty("type").GetString());
            Assert.Equal(503, problem.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
            Assert.StartsWith("nothing was acknowledged: the PostgreSQL store at ", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            answered.Add(name);
        }

        var ready = await client.GetAsync(new Uri("/healthz/ready", UriKind.Relative));
        var readiness = await ready.Content.ReadAsStringAsync();
        Assert.True(ready.StatusCode == HttpStatusCode.ServiceUnavailable, $"ready while the database is cut: {readiness}");
        Assert.Contains("urn:credence:problem:not-ready", readiness, StringComparison.Ordinal);
        Assert.Contains("store:", readiness, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/healthz/live", UriKind.Relative))).StatusCode);
        var cutFor = cutAt.Elapsed;

        forwarder.Restore();
        var restored = Stopwatch.StartNew();
        HttpStatusCode status = 0;
        while (status != HttpStatusCode.Created)
        {
            Assert.True(restored.Elapsed < RecoveryBound, $"no answer {RecoveryBound.TotalSeconds:0} s after the database came back (last: {(int)status})\n{c.Logs()}");
            try
            {
                using var again = await RegistryCluster.SendAsync(client, HttpMethod.Post, "/v1/records", c.CourtKey, Json(Record(subject, "during-1")));
                status = again.StatusCode;
                Assert.True(status is HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable, $"after the restore: {(int)status} {await again.Content.ReadAsStringAsync()}");
                if (status == HttpStatusCode.Created)
                {
                    // Not a duplicate: nothing of the refused submission had been stored.
                    Assert.Equal("accepted", (await RegistryCluster.Json(again)).GetProperty("fate").GetString());
                }
            }
            catch (HttpRequestException e)
            {
                Assert.Fail($"the silo stopped answering after the restore: {e.Message}\n{c.Logs()}");
            }

            if (status != HttpStatusCode.Created)
            {
                await Task.Delay(100);
            }
        }

        var recovered = restored.Elapsed;
        await c.Until("ready again", async () => (await client.GetAsync(new Uri("/healthz/ready", UriKind.Relative))).StatusCode == HttpStatusCode.OK);
        Assert.False(silo.HasExited);
        Assert.Equal(pid, silo.Pid);
        await RegistryCluster.Expect(await RegistryCluster.SendAsync(client, HttpMethod.Post, "/v1/decisions", c.RailwayKey, RegistryCluster.Body(new { subject, measure = RegistryCluster.Measure })), HttpStatusCode.Created);

        // Exactly what was acknowledged is stored: the record before the cut and the one retried after it.
        var file = await c.FileAsync(client, subject);
        Assert.Equal(["before", "during-1"], file.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("sourceRecordId").GetString()!).Order(StringComparer.Ordinal));
        Assert.Empty((await c.FileAsync(client, PersonIds.Person(301))).GetProperty("records").EnumerateArray());

        await silo.KillAsync();
        var (exit, verified) = await c.VerifyAsync();
        Assert.True(exit == 0, $"credence verify failed:\n{verified}");
        output.WriteLine($"database cut for {cutFor.TotalSeconds:0.0} s: {answered.Count} requests ({string.Join(", ", answered.Distinct())}, each twice) answered 503 store-unavailable; /healthz/ready 503 not-ready, /healthz/live 200");
        output.WriteLine($"database restored: the same process (pid {pid}) took a record {recovered.TotalSeconds:0.00} s later and was ready again; credence verify: {verified.Trim().Split('\n')[^1]}");
    }
}
