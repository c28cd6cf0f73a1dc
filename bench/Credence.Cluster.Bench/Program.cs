using System.Globalization;
using Credence.Cluster.Bench;
using Credence.Load;

// Usage: dotnet run -c Release --project bench/Credence.Cluster.Bench -- silos|city [options]
//   silos: decisions and intake with 1, 2 and 3 `credence serve --cluster --store postgres` processes on one
//          database, each against bare Kestrel in the same run, and the silos' CPU per decision and record.
//          --silos 1,2,3 --persons 20000 --seconds 15 --warmup 15 --concurrency 64 --intake-batch 1000 --intake-warmup 0.1
//   city:  a city served by one silo on PostgreSQL: its resident memory after loading, after warm and cold
//          decision traffic (target at most 1 GiB), and decisions on warm and cold subjects measured apart.
//          --persons 1000000 --seconds 30 --warmup 15 --concurrency 64 --warm-subjects 10000 --batch 10000 --idle-seconds 0
//          --keep DIR: the private durable PostgreSQL cluster lives in DIR and is kept, with the loaded city (database
//          credence_city_<persons>, its ledger key, and DIR/city-<persons>.json written once the load completed); a
//          later run with --keep DIR or --reuse DIR starts that cluster and measures the kept city without loading it.
//          --reuse DIR: as --keep, but refuses to load (one line, exit 1) when DIR holds no city of that size.
//          The serve process takes its configuration from the environment, e.g. Credence__SubjectGrains__Budget=50000.
//   both:  --connection "Host=…;Username=…;Database=postgres" measures a server of your own; without it the
//          bench starts a private durable PostgreSQL cluster (fsync on) in a temporary folder and stops it.
string? Text(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
int Arg(string name, int fallback) => Text(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
var mode = args.FirstOrDefault() ?? "";
if (mode is not ("silos" or "city"))
{
    Console.Error.WriteLine("usage: Credence.Cluster.Bench silos|city [options] (see the top of Program.cs or BENCHMARKS.md)");
    return 1;
}

var keep = Text("--keep");
var reuse = Text("--reuse");
if (keep is not null && reuse is not null)
{
    Console.Error.WriteLine("--keep and --reuse name the same folder's cluster: give one of them");
    return 1;
}

if ((keep ?? reuse) is { } kept && (mode != "city" || Text("--connection") is not null || kept.StartsWith("--", StringComparison.Ordinal)))
{
    Console.Error.WriteLine($"--keep and --reuse take a folder, for the city mode on the bench's own PostgreSQL cluster (not with --connection): '{kept}'");
    return 1;
}

if (reuse is not null && (!File.Exists(Path.Combine(reuse, "data", "PG_VERSION")) || KeptCity.Read(reuse, Arg("--persons", 1_000_000)) is null))
{
    Console.Error.WriteLine($"--reuse {reuse}: no city of {Arg("--persons", 1_000_000)} persons is kept there (load it once with --keep {reuse})");
    return 1;
}

if (!File.Exists(SiloProcess.Executable))
{
    Console.Error.WriteLine($"the credence executable is not built at {SiloProcess.Executable}");
    return 1;
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{mode}: {Environment.ProcessorCount} processors; load average at start {File.ReadAllText("/proc/loadavg").Trim()}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; executable {SiloProcess.Executable}"));
var folder = Directory.CreateTempSubdirectory("credence-cluster-bench-");
PrivateCluster? cluster = null;
try
{
    string server;
    Func<TimeSpan>? databaseCpu = null;
    if (Text("--connection") is { } given)
    {
        server = given;
        Console.WriteLine("PostgreSQL: the server --connection names (its durability settings are its own)");
    }
    else
    {
        cluster = await PrivateCluster.StartAsync(keep ?? reuse);
        server = cluster.ConnectionString;
        databaseCpu = cluster.ProcessorTime;
        Console.WriteLine($"PostgreSQL: a private cluster on 127.0.0.1:{cluster.Port} with {string.Join(", ", PrivateCluster.Settings)}{((keep ?? reuse) is { } dir ? $", kept in {Path.GetFullPath(dir)}" : "")}");
    }

    if (mode == "silos")
    {
        var silos = (Text("--silos") ?? "1,2,3").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        await SilosBench.RunAsync(server, new SilosOptions(silos, Arg("--persons", 20_000), Arg("--seconds", 15), Arg("--warmup", 15), Arg("--concurrency", 64), Arg("--intake-batch", 1_000),
            double.Parse(Text("--intake-warmup") ?? "0.1", CultureInfo.InvariantCulture)), folder.FullName, databaseCpu);
    }
    else
    {
        await CityBench.RunAsync(server, new CityOptionsForBench(Arg("--persons", 1_000_000), Arg("--seconds", 30), Arg("--warmup", 15), Arg("--concurrency", 64), Arg("--warm-subjects", 10_000), Arg("--batch", 10_000), Arg("--idle-seconds", 0)), folder.FullName, databaseCpu, keep ?? reuse, reuse is not null);
    }
}
finally
{
    if (cluster is not null)
    {
        await cluster.DisposeAsync();
    }

    folder.Delete(recursive: true);
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load average at the end {File.ReadAllText("/proc/loadavg").Trim()}"));
return 0;
