using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Credence.App.Http;
using Credence.Core.Intake;
using Credence.Demo;
using Credence.Load;
using Credence.Registry;
using Credence.Registry.Access;
using Credence.Registry.Intake;
using Credence.Registry.Principals;
using Microsoft.Extensions.Logging;

// Usage: dotnet run -c Release --project bench/Credence.Load [-- --persons N --seconds S --concurrency C --intake-only]
// 1. Durable batched intake on the embedded store: the synthetic city's records in 10,000-line batches,
//    up to four in flight (SubmitInOrderAsync), every record scored and its subject's listings updated;
//    and the store floor in the same run: the same rows straight into the records table, nothing else.
// 2. Decisions over HTTP on 127.0.0.1 against the registry holding that city, and against a bare
//    Kestrel endpoint in the same run (the ceiling), with the ratio.
// 3. Resident memory of this process with the city loaded and served.
int Arg(string name, int fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
var persons = Arg("--persons", 100_000);
var seconds = Arg("--seconds", 15);
var concurrency = Arg("--concurrency", 64);
var directory = Directory.CreateTempSubdirectory("credence-load-");
var db = Path.Combine(directory.FullName, "load.db");
var now = DateTimeOffset.UtcNow;
var city = CityGenerator.Generate(new CityOptions(now) { Persons = persons });
var policies = Path.Combine(AppContext.BaseDirectory, "policies");
var op = Principal.LocalOperator("load-operator");
var floor = await StoreFloor.MeasureAsync(Path.Combine(directory.FullName, "floor.db"), city.Records().Select(r => (r.SourceId, r.Line)), now);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"store floor: {floor.Rows:N0} rows into the records table alone in {floor.Elapsed.TotalSeconds:F1} s = {floor.Rows / floor.Elapsed.TotalSeconds:N0} rows/s (same schema, pragmas and durable 10,000-row transactions; no checks, ledger or scoring)"));
string rpKey;
long intake = 0;
TimeSpan intakeTime;
TimeSpan intakeCpu;
await using (var registry = CredenceRegistry.Open(db, TimeProvider.System))
{
    foreach (var file in new[] { "rongcheng-persons.yaml", "organisations.yaml" })
    {
        var upload = (await registry.Policies.UploadAsync(op, await File.ReadAllTextAsync(Path.Combine(policies, file)), file)).GetValueOrThrow();
        (await registry.Policies.ActivateAsync(op, upload.Policy.Tag)).GetValueOrThrow();
    }

    var sources = new Dictionary<string, Principal>();
    foreach (var s in city.Sources)
    {
        var issued = (await registry.Principals.CreateKeyAsync(op, new PrincipalRegistration(Role.Source, s.Id, RecordTypes: s.RecordTypes))).GetValueOrThrow();
        sources[s.Id] = issued.Principal;
    }

    rpKey = (await registry.Principals.CreateKeyAsync(op, new PrincipalRegistration(Role.RelyingParty, "railway-ticketing", Capabilities: ["rail.g-train.ticket"], Purpose: "selling G-series train tickets"))).GetValueOrThrow().Key;

    // Only the submissions are timed: each chunk of the generated city is materialised first, so
    // generating the synthetic lines is not counted as intake.
    var watch = new Stopwatch();
    intakeCpu = TimeSpan.Zero;
    foreach (var group in city.Records().GroupBy(r => r.SourceId))
    {
        var chunks = group.Select(r => r.Line).Chunk(10_000).Select(NumberedLine.All).ToList();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        watch.Start();
        (await registry.Intake.SubmitInOrderAsync(sources[group.Key], chunks, result => intake += result.Accepted)).GetValueOrThrow();
        watch.Stop();
        intakeCpu += Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
    }

    intakeTime = watch.Elapsed;
}

// What the bench itself held (the generated city, the floor's rows, the chunks) is given back before
// serving, so the resident memory below is the registry's.
GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"intake: {intake:N0} records from {persons:N0} persons in {intakeTime.TotalSeconds:F1} s = {intake / intakeTime.TotalSeconds:N0} records/s (durable 10,000-line batches, each record scored and its subject's listings updated; {intakeCpu.TotalSeconds:F1} s of CPU, which the machine's other load does not inflate)"));

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio: intake is {intake / intakeTime.TotalSeconds / (floor.Rows / floor.Elapsed.TotalSeconds):P0} of the store floor"));

static int FreePort()
{
    using var l = new TcpListener(IPAddress.Loopback, 0);
    l.Start();
    return ((IPEndPoint)l.LocalEndpoint).Port;
}

var subjects = city.Persons.Select(p => p.Id).ToArray();
HttpRequestMessage Decision(int i)
{
    var message = new HttpRequestMessage(HttpMethod.Post, "/v1/decisions")
    {
        Content = new StringContent($$"""{"subject":"{{subjects[(int)((uint)(i * 2654435761u) % (uint)subjects.Length)]}}","measure":"rail.g-train.ticket"}""", Encoding.UTF8, "application/json"),
    };
    message.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", rpKey);
    return message;
}

if (args.Contains("--intake-only"))
{
    directory.Delete(recursive: true);
    return;
}

var barePort = FreePort();
var bare = await BareServer.StartAsync(barePort);
var cpu = Process.GetCurrentProcess().TotalProcessorTime;
var ceiling = await LoadGenerator.RunAsync("bare Kestrel", new Uri($"http://127.0.0.1:{barePort}"), Decision, concurrency, TimeSpan.FromSeconds(seconds), 5_000_000, TimeSpan.FromSeconds(2));
await bare.StopAsync();
await bare.DisposeAsync();

var port = FreePort();
await using var server = await RegistryServer.CreateAsync(new RegistryServerOptions(db, $"http://127.0.0.1:{port}", TimeProvider.System, LogLevel.Warning, JsonLogs: false));
await server.StartAsync();
var ceilingCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
cpu = Process.GetCurrentProcess().TotalProcessorTime;
var decisions = await LoadGenerator.RunAsync("registry decisions", new Uri($"http://127.0.0.1:{port}"), Decision, concurrency, TimeSpan.FromSeconds(seconds), 5_000_000, TimeSpan.FromSeconds(2));
var decisionsCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
var rss = Process.GetCurrentProcess().WorkingSet64;
await server.StopAsync();

// CPU per request (load generator included, warm-up counted) does not depend on what else the machine runs.
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{ceiling}; {ceilingCpu.TotalMicroseconds / ceiling.Requests:F0} µs of CPU per request"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{decisions}; {decisionsCpu.TotalMicroseconds / decisions.Requests:F0} µs of CPU per request"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio: registry decisions are {decisions.PerSecond / ceiling.PerSecond:P0} of the bare Kestrel ceiling ({concurrency} connections, {seconds} s each, loopback, load generator in the same process)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"resident memory with the {persons:N0}-person city loaded and served: {rss / 1048576.0:N0} MiB (database {new FileInfo(db).Length / 1048576.0:N0} MiB)"));
directory.Delete(recursive: true);
