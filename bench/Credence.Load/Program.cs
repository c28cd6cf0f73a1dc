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
using Credence.Registry.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

// Usage: dotnet run -c Release --project bench/Credence.Load [-- --store sqlite|postgres --connection "Host=…"
//        --persons N --seconds S --open-seconds S --warmup S --concurrency C --intake-only --progress N]
// 1. Durable batched intake on the chosen store: the synthetic city's records in 10,000-line batches,
//    up to four in flight (SubmitInOrderAsync), every record checked, ledgered and its subject re-scored;
//    and the store floor in the same run: the same rows straight into the records table, nothing else.
// 2. Decisions over HTTP on 127.0.0.1 against the registry holding that city, closed loop, against a
//    bare Kestrel endpoint in the same run (the ceiling), with the ratio; then an open loop at half the
//    registry's measured maximum rate, latencies from each request's intended send time, on both.
//    Each closed loop starts with --warmup seconds (default 15) not measured, the same for both, so the
//    JIT's tiering has settled (on this 2-core machine under load the registry's server still compiled
//    methods 20 s after it started); CPU per request is counted in the measured window only.
// 3. Resident memory of this process with the city loaded and served.
// On postgres without --connection the bench starts a private durable cluster (fsync on) and stops it.
string? Text(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
int Arg(string name, int fallback) => Text(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
var store = (Text("--store") ?? StoreChoice.Sqlite).ToLowerInvariant();
if (!StoreChoice.Kinds.Contains(store))
{
    Console.Error.WriteLine($"--store '{store}' is not one of {string.Join(", ", StoreChoice.Kinds)}");
    return 1;
}

var persons = Arg("--persons", 20_000);
var seconds = Arg("--seconds", 10);
var openSeconds = Arg("--open-seconds", seconds);
var concurrency = Arg("--concurrency", 64);
var warmup = TimeSpan.FromSeconds(Arg("--warmup", 15));
const int Batch = 10_000;
var directory = Directory.CreateTempSubdirectory("credence-load-");
var db = Path.Combine(directory.FullName, "load.db");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"store {store}, {persons:N0} persons, {seconds} s closed loop, {openSeconds} s open loop; load average at start {File.ReadAllText("/proc/loadavg").Trim()}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"));

PrivateCluster? cluster = null;
string? server = null;
var databases = new List<string>();
StoreChoice choice;
string? floorDatabase = null;
if (store == StoreChoice.Postgres)
{
    if (Text("--connection") is { } given)
    {
        server = given;
        Console.WriteLine("PostgreSQL: the server --connection names (its durability settings are its own)");
    }
    else
    {
        cluster = await PrivateCluster.StartAsync();
        server = cluster.ConnectionString;
        Console.WriteLine($"PostgreSQL: a private cluster on 127.0.0.1:{cluster.Port} with {string.Join(", ", PrivateCluster.Settings)}");
    }

    // Two fresh databases on that server, one for the floor and one for the registry, dropped at the end.
    var suffix = Guid.NewGuid().ToString("N")[..8];
    await using var admin = new NpgsqlConnection(server);
    await admin.OpenAsync();
    foreach (var name in new[] { $"credence_load_{suffix}", $"credence_floor_{suffix}" })
    {
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'", admin);
        await create.ExecuteNonQueryAsync();
        databases.Add(name);
    }

    choice = StoreChoice.Database(new NpgsqlConnectionStringBuilder(server) { Database = databases[0] }.ConnectionString);
    floorDatabase = new NpgsqlConnectionStringBuilder(server) { Database = databases[1] }.ConnectionString;
}
else
{
    choice = StoreChoice.File(db);
}

try
{
    await RunAsync();
}
finally
{
    if (server is not null && databases.Count > 0)
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        foreach (var name in databases)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }

    if (cluster is not null)
    {
        await cluster.DisposeAsync();
    }

    directory.Delete(recursive: true);
}

return 0;

async Task RunAsync()
{
    var now = DateTimeOffset.UtcNow;
    var city = CityGenerator.Generate(new CityOptions(now) { Persons = persons });
    var lines = city.Records().Select(r => (r.SourceId, r.Line));
    var floor = floorDatabase is null
        ? await StoreFloor.MeasureAsync(Path.Combine(directory.FullName, "floor.db"), lines, now)
        : await PostgresFloor.MeasureAsync(floorDatabase, lines, now, Batch);
    var floorRate = floor.Rows / floor.Elapsed.TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"store floor ({store}): {floor.Rows:N0} rows into the records table alone in {floor.Elapsed.TotalSeconds:F1} s = {floorRate:N0} rows/s ({(floorDatabase is null ? "same schema, pragmas" : "binary COPY, same schema and indexes")} and durable {Batch:N0}-row transactions; no checks, ledger or scoring)"));
    string rpKey;
    long intake = 0;
    TimeSpan intakeTime;
    TimeSpan intakeCpu;
    await using (var registry = CredenceRegistry.Open(choice, TimeProvider.System))
    {
        var keys = await RegistrySetup.PrepareAsync(registry, city.Sources);
        var sources = keys.Sources;
        rpKey = keys.RelyingPartyKey;

        // Only the submissions are timed: each chunk of the generated city is materialised first, so
        // generating the synthetic lines is not counted as intake.
        var watch = new Stopwatch();
        intakeCpu = TimeSpan.Zero;

        // Rate against the table's size: every --progress records (default 500,000), the rate since the last line,
        // so a store that slows as its tables grow shows it (the total alone averages it away).
        var step = Arg("--progress", 500_000);
        long nextMark = step;
        (long Records, TimeSpan At) mark = (0, TimeSpan.Zero);
        void Progress()
        {
            if (intake < nextMark)
            {
                return;
            }

            nextMark = ((intake / step) + 1) * step;
            var at = watch.Elapsed;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {intake:N0} records in: {(intake - mark.Records) / (at - mark.At).TotalSeconds:N0} records/s since {mark.Records:N0} (load average {File.ReadAllText("/proc/loadavg")[..14].Trim()})"));
            mark = (intake, at);
        }

        foreach (var group in city.Records().GroupBy(r => r.SourceId))
        {
            var chunks = group.Select(r => r.Line).Chunk(Batch).Select(NumberedLine.All).ToList();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            watch.Start();
            (await registry.Intake.SubmitInOrderAsync(sources[group.Key], chunks, result =>
            {
                intake += result.Accepted;
                Progress();
            })).GetValueOrThrow();
            watch.Stop();
            intakeCpu += Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        }

        intakeTime = watch.Elapsed;
    }

    // What the bench itself held (the generated city, the floor's rows, the chunks) is given back before
    // serving, so the resident memory below is the registry's.
    GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    var intakeRate = intake / intakeTime.TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"intake ({store}): {intake:N0} records from {persons:N0} persons in {intakeTime.TotalSeconds:F1} s = {intakeRate:N0} records/s (durable {Batch:N0}-line batches, each record checked, ledgered and its subject re-scored; {intakeCpu.TotalSeconds:F1} s of this process's CPU)"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio ({store}): intake is {intakeRate / floorRate:P0} of the store floor (target at least 50 %: {(intakeRate >= floorRate / 2 ? "met" : "not met")})"));
    if (store == StoreChoice.Postgres)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"intake target on PostgreSQL (at least 100,000 records/s): {(intakeRate >= 100_000 ? "met" : "not met")}"));
    }

    var subjects = city.Persons.Select(p => p.Id).ToArray();
    city = null;
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
        return;
    }

    var barePort = FreePort();
    var bare = await BareServer.StartAsync(barePort);
    var bareUri = new Uri($"http://127.0.0.1:{barePort}");
    var ceiling = await LoadGenerator.RunAsync("bare Kestrel", bareUri, Decision, concurrency, TimeSpan.FromSeconds(seconds), 5_000_000, warmup);

    var port = FreePort();
    var registryUri = new Uri($"http://127.0.0.1:{port}");
    await using var registryServer = await RegistryServer.CreateAsync(new RegistryServerOptions(db, registryUri.ToString().TrimEnd('/'), TimeProvider.System, LogLevel.Warning, JsonLogs: false)
    {
        Store = choice,
        LedgerKeyPath = Path.Combine(directory.FullName, "ledger.key"),
    });
    await registryServer.StartAsync();
    var decisions = await LoadGenerator.RunAsync("registry decisions", registryUri, Decision, concurrency, TimeSpan.FromSeconds(seconds), 5_000_000, warmup);

    // The open loop: half the registry's maximum rate just measured, on the registry and then on bare
    // Kestrel (idle meanwhile) at the same rate, for the same time.
    var rate = Math.Max(1, decisions.PerSecond / 2);
    var open = await OpenLoad.RunAsync("registry decisions", registryUri, Decision, rate, TimeSpan.FromSeconds(openSeconds), 256);
    var rss = Process.GetCurrentProcess().WorkingSet64;
    var openBare = await OpenLoad.RunAsync("bare Kestrel", bareUri, Decision, rate, TimeSpan.FromSeconds(openSeconds), 256);
    await registryServer.StopAsync();
    await bare.StopAsync();
    await bare.DisposeAsync();

    // CPU per request (load generator included, warm-up not counted) depends less on what else the machine runs.
    Console.WriteLine(ceiling);
    Console.WriteLine(decisions);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio ({store}): registry decisions are {decisions.PerSecond / ceiling.PerSecond:P0} of the bare Kestrel ceiling ({concurrency} connections, {seconds} s each, loopback, load generator in the same process; target at least 35 %: {(decisions.PerSecond >= 0.35 * ceiling.PerSecond ? "met" : "not met")})"));
    Console.WriteLine(open);
    Console.WriteLine(openBare);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"open loop ({store}): registry p99 {open.P99Ms:F2} ms at half its maximum rate (target at most 10 ms: {(open.P99Ms <= 10 ? "met" : "not met")})"));
    var size = store == StoreChoice.Sqlite ? $"database {new FileInfo(db).Length / 1048576.0:N0} MiB" : "the PostgreSQL server's memory is its own, not counted";
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"resident memory of this process with the {persons:N0}-person city loaded and served: {rss / 1048576.0:N0} MiB ({size})"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load average at the end {File.ReadAllText("/proc/loadavg").Trim()}"));
}

static int FreePort()
{
    using var l = new TcpListener(IPAddress.Loopback, 0);
    l.Start();
    return ((IPEndPoint)l.LocalEndpoint).Port;
}
