using System.Net;
using Credence.App.Http;
using Credence.Registry.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Credence.Api.Tests;

/// <summary>
/// Every registry hosts an Orleans silo beside Kestrel: alone, many in one test run never collide and
/// each is ready only while its silo is active; with <c>--cluster</c> on one PostgreSQL store the silos
/// form one cluster and each registry answers.
/// </summary>
public sealed class SiloHostingTests
{
    [Fact]
    public async Task Registries_in_one_process_each_host_their_own_active_silo_on_their_own_port()
    {
        var hosts = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => ApiHost.StartAsync(policies: false)));
        try
        {
            var silos = hosts.Select(h => h.Server.App.Services.GetRequiredService<ISiloStatusOracle>()).ToList();
            Assert.All(silos, s => Assert.Equal(SiloStatus.Active, s.CurrentStatus));
            Assert.Equal(3, silos.Select(s => s.SiloAddress.Endpoint.Port).Distinct().Count());
            Assert.All(silos, s => Assert.True(IPAddress.IsLoopback(s.SiloAddress.Endpoint.Address)));

            // Alone: each silo's cluster is itself.
            Assert.All(silos, s => Assert.Equal([s.SiloAddress], s.GetApproximateSiloStatuses(onlyActive: true).Keys));
            foreach (var host in hosts)
            {
                var ready = await ApiHost.Json(await host.GetAsync("/healthz/ready"));
                var silo = ready.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "silo");
                Assert.Equal("ready", silo.GetProperty("status").GetString());
            }
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_registry_whose_silo_stopped_is_live_but_not_ready()
    {
        await using var host = await ApiHost.StartAsync(policies: false);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/healthz/ready")).StatusCode);

        // Orleans' own hosted service, stopped alone: Kestrel, the store and the ledger still answer.
        var silo = host.Server.App.Services.GetServices<IHostedService>().Single(s => s.GetType().Namespace?.StartsWith("Orleans", StringComparison.Ordinal) == true && s.GetType().Name.Contains("Silo", StringComparison.Ordinal));
        await silo.StopAsync(CancellationToken.None);

        var notReady = await host.GetAsync("/healthz/ready");
        await Problems.AssertAsync(notReady, HttpStatusCode.ServiceUnavailable, "not-ready");
        var detail = (await ApiHost.Json(notReady)).GetProperty("detail").GetString()!;
        Assert.StartsWith("not ready: silo: the silo ", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("store:", detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/healthz/live")).StatusCode);
    }

    [Fact]
    public async Task Registries_serving_one_postgres_store_with_cluster_form_one_cluster_and_each_answers()
    {
        var connection = ApiStore.CreateDatabase();
        var folder = Path.Combine(Path.GetTempPath(), "credence-cluster", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var servers = new List<RegistryServer>();
        try
        {
            foreach (var n in new[] { 1, 2 })
            {
                var server = await RegistryServer.CreateAsync(new RegistryServerOptions(Path.Combine(folder, "unused.db"), "http://127.0.0.1:0", TimeProvider.System, LogLevel.Warning, JsonLogs: false)
                {
                    Store = StoreChoice.Database(connection),
                    LedgerKeyPath = Path.Combine(folder, "cluster.ledger.key"),
                    CheckpointInterval = TimeSpan.FromDays(1),
                    Silo = new SiloOptions { Cluster = true, Certificate = Credence.Api.Tests.Cluster.ClusterTestCertificate.Shared, SiloPort = FreePort(), GatewayPort = FreePort(), ClusterId = "api-test" },
                });
                servers.Add(server);
                await server.StartAsync();
            }

            var oracles = servers.Select(s => s.App.Services.GetRequiredService<ISiloStatusOracle>()).ToList();
            var until = DateTime.UtcNow.AddMinutes(1);
            while (oracles.Any(o => o.GetApproximateSiloStatuses(onlyActive: true).Count != 2))
            {
                Assert.True(DateTime.UtcNow < until, "the two silos did not see each other within a minute");
                await Task.Delay(100);
            }

            foreach (var server in servers)
            {
                using var client = new HttpClient { BaseAddress = server.Addresses[0] };
                var ready = await client.GetAsync(new Uri("/healthz/ready", UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
                var silo = (await ApiHost.Json(ready)).GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "silo");
                Assert.Contains("2 active in the cluster", silo.GetProperty("description").GetString(), StringComparison.Ordinal);
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative))).StatusCode);
            }

            // The first leaves gracefully: the other stays ready, alone in the cluster.
            await servers[0].StopAsync();
            while (oracles[1].GetApproximateSiloStatuses(onlyActive: true).Count != 1)
            {
                Assert.True(DateTime.UtcNow < until.AddMinutes(1), "the survivor did not see the other leave within a minute");
                await Task.Delay(100);
            }

            using var survivor = new HttpClient { BaseAddress = servers[1].Addresses[0] };
            Assert.Equal(HttpStatusCode.OK, (await survivor.GetAsync(new Uri("/healthz/ready", UriKind.Relative))).StatusCode);
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }

            ApiStore.DropDatabase(connection);
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
