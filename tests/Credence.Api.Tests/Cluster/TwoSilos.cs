using System.Net;
using System.Net.Http.Headers;
using Credence.App.Http;
using Credence.Registry;
using Credence.Registry.Access;
using Credence.Registry.Principals;
using Credence.Registry.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Credence.Api.Tests.Cluster;

/// <summary>
/// Two <c>--cluster</c> registries in this process on one fresh PostgreSQL database (the real clock: the caches'
/// leases are real time), formed into one cluster, with two operators' keys and the sample policies active.
/// </summary>
public sealed class TwoSilos : IAsyncLifetime
{
    private readonly List<RegistryServer> servers = [];
    private readonly List<HttpClient> clients = [];
    private string connection = string.Empty;
    private string folder = string.Empty;

    public string OperatorKey { get; private set; } = string.Empty;

    public string SecondOperatorKey { get; private set; } = string.Empty;

    public HttpClient Client(int silo) => clients[silo];

    internal CredenceRegistry Registry(int silo) => servers[silo].Registry;

    public async Task InitializeAsync()
    {
        connection = ApiStore.CreateDatabase();
        folder = Path.Combine(Path.GetTempPath(), "credence-cluster", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (var _ in new[] { 1, 2 })
        {
            var server = await RegistryServer.CreateAsync(new RegistryServerOptions(Path.Combine(folder, "unused.db"), "http://127.0.0.1:0", TimeProvider.System, LogLevel.Warning, JsonLogs: false)
            {
                Store = StoreChoice.Database(connection),
                LedgerKeyPath = Path.Combine(folder, "cluster.ledger.key"),
                CheckpointInterval = TimeSpan.FromDays(1),
                RateLimits = new ApiRateLimits { PublicPermitLimit = 0, AuthFailureLimit = 0 },
                Silo = new SiloOptions { Cluster = true, Certificate = ClusterTestCertificate.Shared, SiloPort = FreePort(), GatewayPort = FreePort(), ClusterId = "cache-test" },
            });
            servers.Add(server);
            await server.StartAsync();
            clients.Add(new HttpClient { BaseAddress = server.Addresses[0] });
        }

        var oracles = servers.Select(s => s.App.Services.GetRequiredService<ISiloStatusOracle>()).ToList();
        var until = DateTime.UtcNow.AddMinutes(1);
        while (oracles.Any(o => o.GetApproximateSiloStatuses(onlyActive: true).Count != 2))
        {
            Assert.True(DateTime.UtcNow < until, "the two silos did not see each other within a minute");
            await Task.Delay(100);
        }

        OperatorKey = (await Registry(0).Principals.CreateKeyAsync(Principal.LocalOperator(), new PrincipalRegistration(Role.Operator, "admin"))).GetValueOrThrow().Key;
        SecondOperatorKey = (await Registry(1).Principals.CreateKeyAsync(Principal.LocalOperator(), new PrincipalRegistration(Role.Operator, "policy-reviewer"))).GetValueOrThrow().Key;
        foreach (var file in new[] { "rongcheng-persons.yaml", "organisations.yaml" })
        {
            var tag = await UploadAndSignOffAsync(ApiHost.PolicyText(file));
            Assert.Equal(HttpStatusCode.Created, (await SendAsync(0, HttpMethod.Post, $"/v1/policies/{tag}/activations", OperatorKey)).StatusCode);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }

        foreach (var server in servers)
        {
            await server.DisposeAsync();
        }

        ApiStore.DropDatabase(connection);
        Directory.Delete(folder, recursive: true);
    }

    public Task<HttpResponseMessage> SendAsync(int silo, HttpMethod method, string path, string? key = null, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return clients[silo].SendAsync(request);
    }

    /// <summary>Registers a principal through silo <paramref name="silo"/>'s operator API and returns its key.</summary>
    public async Task<string> KeyAsync(int silo, string role, string name, string[]? capabilities = null, string? purpose = null)
    {
        var response = await SendAsync(silo, HttpMethod.Post, "/v1/principals", OperatorKey, ApiHost.JsonBody(new { role, name, capabilities, purpose }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await ApiHost.Json(response)).GetProperty("key").GetString()!;
    }

    /// <summary>Revokes <paramref name="key"/> through silo <paramref name="silo"/>'s operator API.</summary>
    public async Task<HttpResponseMessage> RevokeAsync(int silo, string key)
    {
        var id = await Registry(silo).Store.ReadAsync(r => r.FindKey(ApiKeys.Hash(key))!.KeyId);
        return await SendAsync(silo, HttpMethod.Delete, $"/v1/keys/{id}", OperatorKey);
    }

    public Task<HttpResponseMessage> DecideAsync(int silo, string key, string subject, string measure = "rail.g-train.ticket") =>
        SendAsync(silo, HttpMethod.Post, "/v1/decisions", key, ApiHost.JsonBody(new { subject, measure }));

    /// <summary>Uploads a policy through the first silo and has it simulated there and signed off through the second; its tag.</summary>
    public async Task<string> UploadAndSignOffAsync(string yaml)
    {
        var upload = await SendAsync(0, HttpMethod.Post, "/v1/policies", OperatorKey, ApiHost.Yaml(yaml));
        Assert.True(upload.IsSuccessStatusCode, await upload.Content.ReadAsStringAsync());
        var tag = (await ApiHost.Json(upload)).GetProperty("tag").GetString()!;
        var simulation = await SendAsync(0, HttpMethod.Post, $"/v1/policies/{tag}/simulations", OperatorKey);
        Assert.Equal(HttpStatusCode.Created, simulation.StatusCode);
        var digest = (await ApiHost.Json(simulation)).GetProperty("digest").GetString()!;
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(1, HttpMethod.Post, $"/v1/policies/{tag}/sign-offs", SecondOperatorKey, ApiHost.JsonBody(new { report = digest }))).StatusCode);
        return tag;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
