using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Credence.Cluster.Tests;

/// <summary>
/// A registry of several real <c>credence serve --cluster --store postgres</c> processes on one fresh
/// database: one ledger key made by <c>credence ledger keygen</c> and given to every silo, the run's cluster
/// certificate (<see cref="ClusterCertificateFile"/>) given to every silo, an operator key
/// made by <c>credence keys create</c>, then, through the first silo's API, the persons' sample policy
/// simulated, signed off by a second operator and activated, and the keys of a court, a railway
/// (relying party) and an auditor. Disposing it kills every silo and drops the database.
/// </summary>
internal sealed partial class RegistryCluster : IAsyncDisposable
{
    /// <summary>How long anything of the set-up may take on a loaded 2-core machine before the test fails (never a sleep).</summary>
    public static readonly TimeSpan StartBound = TimeSpan.FromMinutes(2);

    public const string Measure = "rail.g-train.ticket";

    private RegistryCluster(ClusterDatabase database, string folder)
    {
        Database = database;
        Folder = folder;
    }

    public ClusterDatabase Database { get; }

    public string Folder { get; }

    public string LedgerKey => Path.Combine(Folder, "cluster.ledger.key");

    public string ClusterId { get; } = "faults" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The cluster certificate every silo presents.</summary>
    public string Certificate { get; private set; } = string.Empty;

    public List<SiloProcess> Silos { get; } = [];

    public string OperatorKey { get; private set; } = string.Empty;

    public string CourtKey { get; private set; } = string.Empty;

    public string RailwayKey { get; private set; } = string.Empty;

    public string AuditorKey { get; private set; } = string.Empty;

    /// <summary>
    /// Starts <paramref name="count"/> silos (each on the connection string <paramref name="connectionFor"/> gives
    /// its index, the database's own by default) and sets the registry up through the first.
    /// </summary>
    public static async Task<RegistryCluster> StartAsync(int count, Func<ClusterDatabase, int, string>? connectionFor = null, Func<int, bool>? gatewayFor = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "credence-cluster-faults", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var cluster = new RegistryCluster(ClusterDatabase.Create(), folder);
        try
        {
            await cluster.SetUpAsync(count, connectionFor ?? ((d, _) => d.ConnectionString), gatewayFor ?? (_ => false));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in Silos)
        {
            await silo.DisposeAsync();
        }

        Database.Drop();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }

    /// <summary><c>credence verify</c> on the store, as a process, with the cluster's verifier key: its exit code and output.</summary>
    public Task<(int Exit, string Output)> VerifyAsync() =>
        CredenceCli.RunAsync(Folder, "verify", "--store", "postgres", "--connection", Database.ConnectionString, "--key", LedgerKey + ".pub");

    /// <summary>Every silo's log, for a failing test's message.</summary>
    public string Logs() => string.Join("\n", Silos.Select(s => $"==== silo {s.Name} ({s.Address}) ====\n{Tail(s.Log, 6000)}"));

    private async Task SetUpAsync(int count, Func<ClusterDatabase, int, string> connectionFor, Func<int, bool> gatewayFor)
    {
        Certificate = await ClusterCertificateFile.PathAsync();
        await CredenceCli.RunOkAsync(Folder, "ledger", "keygen", "--name", "credence/" + Database.Name, "--out", LedgerKey);
        var created = await CredenceCli.RunOkAsync(Folder, "keys", "create", "--role", "operator", "--name", "admin", "--store", "postgres", "--connection", Database.ConnectionString);
        OperatorKey = Key().Match(created).Value;
        Assert.StartsWith("cred_", OperatorKey, StringComparison.Ordinal);

        // The two-person rule's second operator gets its key from the command line too: a key the first operator
        // issued over the API would make them one person (KeyHolders).
        var reviewer = await CredenceCli.RunOkAsync(Folder, "keys", "create", "--role", "operator", "--name", "policy-reviewer", "--store", "postgres", "--connection", Database.ConnectionString);
        var second = Key().Match(reviewer).Value;
        Assert.StartsWith("cred_", second, StringComparison.Ordinal);

        var starting = Enumerable.Range(0, count)
            .Select(i => SiloProcess.StartAsync("s" + (i + 1), Folder, connectionFor(Database, i), LedgerKey, ClusterId, Certificate, StartBound, gateway: gatewayFor(i)))
            .ToList();
        try
        {
            await Task.WhenAll(starting);
        }
        finally
        {
            Silos.AddRange(starting.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
        }

        await Task.WhenAll(Silos.Select(s => ReadyAsync(s, count)));

        var first = Silos[0].Client;
        var policy = await SendAsync(first, HttpMethod.Post, "/v1/policies", OperatorKey, new StringContent(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "policies", "rongcheng-persons.yaml")), Encoding.UTF8, "application/yaml"));
        var tag = (await Expect(policy, HttpStatusCode.Created)).GetProperty("tag").GetString()!;
        var simulation = await Expect(await SendAsync(first, HttpMethod.Post, $"/v1/policies/{tag}/simulations", OperatorKey), HttpStatusCode.Created);
        await Expect(await SendAsync(first, HttpMethod.Post, $"/v1/policies/{tag}/sign-offs", second, Body(new { report = simulation.GetProperty("digest").GetString() })), HttpStatusCode.Created);
        var activation = await SendAsync(first, HttpMethod.Post, $"/v1/policies/{tag}/activations", OperatorKey);
        Assert.True(activation.IsSuccessStatusCode, $"activation: {(int)activation.StatusCode} {await activation.Content.ReadAsStringAsync()}");
        CourtKey = await KeyAsync(first, new { role = "source", name = "intermediate-court", recordTypes = new[] { "judgment-defaulter", "judgment-performed" } });
        RailwayKey = await KeyAsync(first, new { role = "relying-party", name = "railway", capabilities = new[] { Measure }, purpose = "ticket sales" });
        AuditorKey = await KeyAsync(first, new { role = "auditor", name = "auditor" });

        // Every silo sees the activation (its policy cache reads the store again within a second) before a test begins.
        foreach (var silo in Silos)
        {
            await Until($"silo {silo.Name} decides under the activated policy", async () =>
                (await SendAsync(silo.Client, HttpMethod.Post, "/v1/decisions", RailwayKey, Body(new { subject = PersonIds.Warmup, measure = Measure }))).IsSuccessStatusCode);
        }
    }

    /// <summary>Waits until the silo is ready and sees <paramref name="count"/> active silos in its cluster.</summary>
    private async Task ReadyAsync(SiloProcess silo, int count)
    {
        var want = $"{count} active in the cluster";
        await Until($"silo {silo.Name} ready with {want}", async () =>
        {
            var ready = await silo.Client.GetAsync(new Uri("/healthz/ready", UriKind.Relative));
            return ready.StatusCode == HttpStatusCode.OK && (await ready.Content.ReadAsStringAsync()).Contains(want, StringComparison.Ordinal);
        });
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test with every silo's log after <see cref="StartBound"/>.</summary>
    public async Task Until(string what, Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + StartBound;
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not answering yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{what}: not within {StartBound.TotalSeconds:0} s\n{Logs()}");
            }

            await Task.Delay(100);
        }
    }

    public static StringContent Body(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    public static StringContent Ndjson(IEnumerable<string> lines) => new(string.Join('\n', lines), Encoding.UTF8, "application/x-ndjson");

    public static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string? key, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client.SendAsync(request);
    }

    public static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    public static async Task<JsonElement> Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>A subject's file read by the auditor through <paramref name="client"/>.</summary>
    public async Task<JsonElement> FileAsync(HttpClient client, string subject) =>
        await Expect(await SendAsync(client, HttpMethod.Get, $"/v1/subjects/{subject}?purpose=fault%20test%20audit", AuditorKey), HttpStatusCode.OK);

    private async Task<string> KeyAsync(HttpClient client, object registration)
    {
        var created = await Expect(await SendAsync(client, HttpMethod.Post, "/v1/principals", OperatorKey, Body(registration)), HttpStatusCode.Created);
        return created.GetProperty("key").GetString()!;
    }

    private static string Tail(string text, int length) => text.Length <= length ? text : text[^length..];

    [GeneratedRegex(@"cred_[A-Za-z0-9_-]+")]
    private static partial Regex Key();
}
