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
        cluster = await PrivateCluster.StartAsync();
        server = cluster.ConnectionString;
        databaseCpu = cluster.ProcessorTime;
        Console.WriteLine($"PostgreSQL: a private cluster on 127.0.0.1:{cluster.Port} with {string.Join(", ", PrivateCluster.Settings)}");
    }

    if (mode == "silos")
    {
        var silos = (Text("--silos") ?? "1,2,3").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        await SilosBench.RunAsync(server, new SilosOptions(silos, Arg("--persons", 20_000), Arg("--seconds", 15), Arg("--warmup", 15), Arg("--concurrency", 64), Arg("--intake-batch", 1_000),
            double.Parse(Text("--intake-warmup") ?? "0.1", CultureInfo.InvariantCulture)), folder.FullName, databaseCpu);
    }
    else
    {
        await CityBench.RunAsync(server, new CityOptionsForBench(Arg("--persons", 1_000_000), Arg("--seconds", 30), Arg("--warmup", 15), Arg("--concurrency", 64), Arg("--warm-subjects", 10_000), Arg("--batch", 10_000), Arg("--idle-seconds", 0)), folder.FullName, databaseCpu);
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
