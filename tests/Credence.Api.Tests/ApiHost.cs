using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Credence.App.Http;
using Credence.Registry.Access;
using Credence.Registry.Ledger;
using Credence.Registry.Principals;
using Credence.Registry.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Credence.Api.Tests;

/// <summary>
/// The real server (Kestrel on 127.0.0.1, an ephemeral port) over a real store (a SQLite file in a
/// temporary folder, or a fresh PostgreSQL database when <see cref="ApiStore.Variable"/> says so), with a fake clock (<see cref="FakeTimeProvider"/>: its timers fire only when a test moves it), an operator key and, unless asked otherwise, the sample policies
/// uploaded, signed off and activated through the API (once per test process, then copied: see <see cref="WithPolicies"/>).
/// </summary>
internal sealed class ApiHost : IAsyncDisposable
{
    public const string Bob = "440524188001010014";
    public const string Alice = "11010519491231002X";
    public const string Acme = "914403001922038216";

    public static readonly DateTimeOffset Start = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The checkpoint schedule's interval in tests: a day, so that only a test that moves the fake clock a
    /// day on sees a scheduled checkpoint (the schedule sleeps on the clock's timers, which fire when it moves).
    /// </summary>
    public static readonly TimeSpan CheckpointInterval = TimeSpan.FromDays(1);

    private readonly long batchLimit;
    private readonly List<string> undocumented = [];
    private readonly ApiRateLimits limits;

    /// <summary>
    /// The stores every host starts from, seeded once per test process: with and without the sample policies.
    /// </summary>
    /// <remarks>
    /// Implementation note: seeding (two operator keys; for each sample policy its upload, simulation, second
    /// operator's sign-off and activation over HTTP) took most of a host's start, and a run starts hundreds of
    /// hosts on each store. A host seeded once through that same path is stopped, and each host then gets its own
    /// copy of the result (a copied SQLite file, a PostgreSQL database made from it as a template), so every test
    /// still has a fresh store of its own. The copy is what the host's own seeding would have left, written at the
    /// same fake instant, with one exception undone: the checkpoint the seeding host signed as it stopped (a host
    /// that seeded itself has none until its clock moves). Each host still makes its own ledger key, named after
    /// its own origin, and starts its own server on the copy, as a restart does.
    /// </remarks>
    private static readonly Lazy<Task<Seed>> WithPolicies = new(() => SeedAsync(policies: true), LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly Lazy<Task<Seed>> WithoutPolicies = new(() => SeedAsync(policies: false), LazyThreadSafetyMode.ExecutionAndPublication);

    private ApiHost(string folder, long batchLimit, ApiRateLimits? limits, Seed? seed)
    {
        Folder = folder;
        this.batchLimit = batchLimit;
        if (seed is null)
        {
            Store = ApiStore.IsPostgres ? StoreChoice.Database(ApiStore.CreateDatabase()) : StoreChoice.File(DatabasePath);
        }
        else if (ApiStore.IsPostgres)
        {
            Store = StoreChoice.Database(ApiStore.CreateDatabase(seed.Source));
        }
        else
        {
            foreach (var suffix in new[] { string.Empty, "-wal" })
            {
                if (File.Exists(seed.Source + suffix))
                {
                    File.Copy(seed.Source + suffix, DatabasePath + suffix);
                }
            }

            Store = StoreChoice.File(DatabasePath);
        }

        // Tests of other things send many wrong keys and lookups from one address: the abuse
        // limits are out of their way unless a test sets its own.
        this.limits = limits ?? new ApiRateLimits { PublicPermitLimit = 0, AuthFailureLimit = 0 };
    }

    public string Folder { get; }

    /// <summary>The SQLite file on the SQLite store; on both stores, the ledger key is this path with <c>.ledger.key</c>.</summary>
    /// <remarks>
    /// Its name is the host's own (the folder's), so the ledger's origin, which labels the registry's gauges in the process-wide
    /// meter, is different for each host alive at once: one host's metrics never show another's checkpoint.
    /// </remarks>
    public string DatabasePath => Path.Combine(Folder, "registry-" + Path.GetFileName(Folder)[..12] + ".db");

    /// <summary>The store served.</summary>
    public StoreChoice Store { get; }

    /// <summary>The ledger's checkpoint origin: <c>credence/</c> and the file's or the database's name.</summary>
    public string Origin => LedgerKeys.Origin(Store.Name);

    /// <summary>The command line options that name the store served (<c>--db FILE</c> or <c>--store postgres --connection …</c>).</summary>
    public string[] StoreOptions => ApiStore.IsPostgres ? ["--store", StoreChoice.Postgres, "--connection", Store.Target] : ["--db", DatabasePath];

    public FakeTimeProvider Clock { get; } = new(Start);

    public RegistryServer Server { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public string OperatorKey { get; private set; } = string.Empty;

    /// <summary>A second operator's key (<c>policy-reviewer</c>): the two-person rule's other person.</summary>
    public string SecondOperatorKey { get; private set; } = string.Empty;

    /// <summary>Starts a host on a store of its own.</summary>
    /// <param name="policies">Whether the sample policies are active (uploaded, signed off and activated).</param>
    /// <param name="batchLimit">The batch route's body limit.</param>
    /// <param name="limits">The abuse limits (none unless given).</param>
    /// <param name="seeded">
    /// Whether the store is a copy of the process's seed (see <see cref="WithPolicies"/>): its ledger already holds the
    /// seeding's entries when the server starts, so the server signs a checkpoint at start. A test of the ledger's own
    /// checkpoint history passes <c>false</c>: the host seeds itself after its start, and its ledger has no checkpoint.
    /// </param>
    public static async Task<ApiHost> StartAsync(bool policies = true, long batchLimit = 64L << 20, ApiRateLimits? limits = null, bool seeded = true)
    {
        if (!seeded)
        {
            var fresh = new ApiHost(NewFolder(), batchLimit, limits, null);
            fresh.Server = await fresh.OpenAsync();
            await fresh.StartServerAsync();
            await fresh.SeedItselfAsync(policies);
            return fresh;
        }

        var seed = await (policies ? WithPolicies : WithoutPolicies).Value;
        var host = new ApiHost(NewFolder(), batchLimit, limits, seed)
        {
            OperatorKey = seed.OperatorKey,
            SecondOperatorKey = seed.SecondOperatorKey,
        };
        try
        {
            host.Server = await host.OpenAsync();
            await host.StartServerAsync();
        }
        catch
        {
            host.DeleteStore();
            throw;
        }

        return host;
    }

    /// <summary>The store <see cref="StartAsync"/> copies: a host seeded the slow way, stopped, without the checkpoint its stop signed.</summary>
    private static async Task<Seed> SeedAsync(bool policies)
    {
        var host = new ApiHost(NewFolder(), 64L << 20, null, null);
        host.Server = await host.OpenAsync();
        await host.StartServerAsync();
        await host.SeedItselfAsync(policies);
        host.Client.Dispose();
        await host.Server.DisposeAsync();
        host.AssertDocumented();
        string source;
        if (ApiStore.IsPostgres)
        {
            ApiStore.Execute(host.Store, "TRUNCATE checkpoints RESTART IDENTITY");
            source = ApiStore.MakeTemplate(host.Store.Target);
            host.DeleteFolder();
        }
        else
        {
            ApiStore.Execute(host.Store, "DELETE FROM checkpoints");
            ApiStore.Execute(host.Store, "PRAGMA wal_checkpoint(TRUNCATE)");
            source = host.DatabasePath;
            AppDomain.CurrentDomain.ProcessExit += (_, _) => host.DeleteFolder();
        }

        return new Seed(source, host.OperatorKey, host.SecondOperatorKey);
    }

    private static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "credence-api-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>What every host's start did before hosts were copied from a seed: the operators' keys and, when asked, the sample policies.</summary>
    private async Task SeedItselfAsync(bool policies)
    {
        OperatorKey = (await Server.Registry.Principals.CreateKeyAsync(Principal.LocalOperator(), new PrincipalRegistration(Role.Operator, "admin"))).GetValueOrThrow().Key;
        SecondOperatorKey = (await Server.Registry.Principals.CreateKeyAsync(Principal.LocalOperator(), new PrincipalRegistration(Role.Operator, "policy-reviewer"))).GetValueOrThrow().Key;
        if (policies)
        {
            foreach (var file in new[] { "rongcheng-persons.yaml", "organisations.yaml" })
            {
                var upload = await SendAsync(HttpMethod.Post, "/v1/policies", OperatorKey, Yaml(PolicyText(file)));
                var tag = (await Json(upload)).GetProperty("tag").GetString()!;
                await SignOffAsync(tag);
                (await SendAsync(HttpMethod.Post, $"/v1/policies/{tag}/activations", OperatorKey)).EnsureSuccessStatusCode();
            }
        }
    }

    /// <summary>The two-person rule over HTTP: the operator simulates the stored version, the second operator signs the report off; returns the report's digest.</summary>
    public async Task<string> SignOffAsync(string tag)
    {
        var simulation = await SendAsync(HttpMethod.Post, $"/v1/policies/{tag}/simulations", OperatorKey);
        Assert.Equal(System.Net.HttpStatusCode.Created, simulation.StatusCode);
        var digest = (await Json(simulation)).GetProperty("digest").GetString()!;
        var signOff = await PostAsync($"/v1/policies/{tag}/sign-offs", SecondOperatorKey, new { report = digest });
        Assert.Equal(System.Net.HttpStatusCode.Created, signOff.StatusCode);
        return digest;
    }

    public static string PolicyText(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "policies", file));

    public static StringContent JsonBody(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    public static StringContent Text(string text, string mediaType) => new(text, Encoding.UTF8, mediaType);

    public static StringContent Yaml(string text) => Text(text, "application/yaml");

    public static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key = null, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? key = null) => SendAsync(HttpMethod.Get, path, key);

    /// <summary>GET with an <c>Accept</c> header (the checkpoint route answers a signed note unless JSON is asked for).</summary>
    public Task<HttpResponseMessage> GetAsync(string path, string? key, string accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return Client.SendAsync(request);
    }

    /// <summary>The newest checkpoint's JSON form (<c>Accept: application/json</c>).</summary>
    public async Task<JsonElement> CheckpointJsonAsync()
    {
        var response = await GetAsync("/v1/ledger/checkpoint", null, "application/json");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await Json(response);
    }

    /// <summary>The ledger's size now (the newest checkpoint may be older).</summary>
    public Task<long> LedgerSizeAsync() => Server.App.Services.GetRequiredService<LedgerService>().SizeAsync();

    public Task<HttpResponseMessage> PostAsync(string path, string? key, object body) => SendAsync(HttpMethod.Post, path, key, JsonBody(body));

    /// <summary>Registers a principal through the operator API and returns its key.</summary>
    public async Task<string> KeyAsync(string role, string name, string[]? recordTypes = null, string[]? capabilities = null, string? purpose = null, string? subject = null)
    {
        var response = await PostAsync("/v1/principals", OperatorKey, new { role, name, recordTypes, capabilities, purpose, subject });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await Json(response)).GetProperty("key").GetString()!;
    }

    public Task<string> CourtAsync() =>
        KeyAsync("source", "intermediate-court", recordTypes: ["judgment-defaulter", "judgment-performed", "defaulter-term-extended"]);

    /// <summary>Stops the server (requests finish, the writer drains) and starts a new one on the same database.</summary>
    public async Task RestartAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        Server = await OpenAsync();
        await StartServerAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        DeleteStore();
        AssertDocumented();
    }

    /// <summary>
    /// Fails if an answer since the last call (or the start) has a status the OpenAPI document does not list for its operation,
    /// and forgets them: a test of a shared host (<see cref="SharedHostTests"/>) calls it as it ends, so the failure is its own.
    /// </summary>
    public void AssertDocumented()
    {
        string[] wrong;
        lock (undocumented)
        {
            wrong = [.. undocumented.Distinct()];
            undocumented.Clear();
        }

        Assert.True(wrong.Length == 0, "answers the OpenAPI document does not list: " + string.Join("; ", wrong));
    }

    private void DeleteStore()
    {
        if (Store.Kind == StoreChoice.Postgres)
        {
            ApiStore.DropDatabase(Store.Target);
        }

        DeleteFolder();
    }

    private void DeleteFolder()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }

    private Task<RegistryServer> OpenAsync() =>
        RegistryServer.CreateAsync(new RegistryServerOptions(DatabasePath, "http://127.0.0.1:0", new ServerClock(Clock), LogLevel.Warning, JsonLogs: false)
        {
            BatchBodyLimit = batchLimit,
            RateLimits = limits,
            CheckpointInterval = CheckpointInterval,
            Store = Store,
            LedgerKeyPath = DatabasePath + ".ledger.key",
        });

    private async Task StartServerAsync()
    {
        await Server.StartAsync();
        // Without cookies: nothing a portal page sets goes with a later request (of another test, on a shared host); a test that wants a session keeps its own client.
        Client = new HttpClient(new DocumentChecker(undocumented) { InnerHandler = new SocketsHttpHandler { UseCookies = false } }) { BaseAddress = Server.Addresses[0] };
    }

    /// <summary>A seeded store (the SQLite file, or the PostgreSQL template database's name) and the operators' keys in it.</summary>
    private sealed record Seed(string Source, string OperatorKey, string SecondOperatorKey);

    /// <summary>
    /// Holds every answer a test gets against the statuses the OpenAPI document lists for its
    /// operation, so that every test of the API is also a test of the document.
    /// </summary>
    private sealed class DocumentChecker(List<string> undocumented) : DelegatingHandler
    {
        /// <summary>
        /// The document's statuses, read from the first host that needs them and kept for the test process.
        /// </summary>
        /// <remarks>
        /// Implementation note: every host serves the same document (the same code), and building it
        /// took a second or two of a loaded machine for each of a run's hundreds of hosts, more than
        /// most tests themselves; <c>OpenApiTests</c> still reads each host's own document.
        /// </remarks>
        private static Task<DocumentedStatuses>? documented;

        private static readonly Lock Gate = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            var path = request.RequestUri!.AbsolutePath;
            if (path.StartsWith("/v1/", StringComparison.Ordinal) || path == "/healthz" || path.StartsWith("/healthz/", StringComparison.Ordinal))
            {
                Task<DocumentedStatuses> statuses;
                lock (Gate)
                {
                    statuses = documented is { IsFaulted: false, IsCanceled: false } known ? known : documented = ReadAsync(new Uri(request.RequestUri, "/openapi/v1.json"));
                }

                if ((await statuses).Check(request.Method.Method, path, (int)response.StatusCode) is { } wrong && !wrong.EndsWith("is not in the document", StringComparison.Ordinal))
                {
                    lock (undocumented)
                    {
                        undocumented.Add(wrong);
                    }
                }
            }

            return response;
        }

        private async Task<DocumentedStatuses> ReadAsync(Uri document)
        {
            using var get = new HttpRequestMessage(HttpMethod.Get, document);
            using var answer = await base.SendAsync(get, CancellationToken.None);
            answer.EnsureSuccessStatusCode();
            return DocumentedStatuses.From(JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement);
        }
    }
}
