using Credence.App.Http;
using Credence.Registry.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Credence.Api.Tests;

/// <summary>
/// Cluster registries (silo and Kestrel each, as <c>credence serve --cluster</c> runs them) started one after
/// another on one new database of the test store, with the test cluster certificate; disposed with the database.
/// </summary>
internal sealed class ClusterOnOneStore(string clusterId) : IAsyncDisposable
{
    private readonly string connection = ApiStore.CreateDatabase();
    private readonly string folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "credence-cluster", Guid.NewGuid().ToString("N"))).FullName;
    private readonly List<(RegistryServer Server, HttpClient Client)> started = [];

    public IEnumerable<RegistryServer> Servers => started.Select(s => s.Server);

    /// <summary>Starts one more registry of the cluster; returns it with a client of its HTTP address.</summary>
    public async Task<(RegistryServer Server, HttpClient Client)> StartAsync()
    {
        var server = await RegistryServer.CreateAsync(new RegistryServerOptions(Path.Combine(folder, "unused.db"), "http://127.0.0.1:0", TimeProvider.System, LogLevel.Warning, JsonLogs: false)
        {
            Store = StoreChoice.Database(connection),
            LedgerKeyPath = Path.Combine(folder, "cluster.ledger.key"),
            CheckpointInterval = TimeSpan.FromDays(1),
            Silo = new SiloOptions { Cluster = true, Certificate = Cluster.ClusterTestCertificate.Shared, SiloPort = SubjectGrainTests.FreePort(), GatewayPort = SubjectGrainTests.FreePort(), ClusterId = clusterId },
        });
        var client = new HttpClient { BaseAddress = null };
        started.Add((server, client));
        await server.StartAsync();
        client.BaseAddress = server.Addresses[0];
        return (server, client);
    }

    /// <summary>Waits (a minute at most) until every started registry's silo sees all of them active.</summary>
    public async Task MembersAsync()
    {
        var oracles = Servers.Select(s => s.App.Services.GetRequiredService<ISiloStatusOracle>()).ToList();
        var until = DateTime.UtcNow.AddMinutes(1);
        while (oracles.Any(o => o.GetApproximateSiloStatuses(onlyActive: true).Count != oracles.Count))
        {
            Assert.True(DateTime.UtcNow < until, $"the {oracles.Count} silos did not see each other within a minute");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (server, client) in started)
        {
            client.Dispose();
            await server.DisposeAsync();
        }

        ApiStore.DropDatabase(connection);
        Directory.Delete(folder, recursive: true);
    }
}
