using System.Globalization;
using Credence.Demo;
using Credence.Load;
using Credence.Registry;
using Credence.Registry.Storage;
using Npgsql;

namespace Credence.Cluster.Bench;

/// <summary>Options of the silo-count benchmark.</summary>
internal sealed record SilosOptions(IReadOnlyList<int> Silos, int Persons, int Seconds, int Warmup, int Concurrency, int IntakeBatch, double IntakeWarmup);

/// <summary>
/// Decisions and intake with 1, 2 and 3 real <c>credence serve --cluster --store postgres</c>
/// processes sharing one database, the load spread round-robin over their HTTP endpoints, each figure
/// taken against bare Kestrel in the same run; and the processor time the silos spent per decision
/// and per record, read from the processes.
/// </summary>
/// <remarks>
/// Implementation note: each silo count gets a fresh database holding the same city (set up in this
/// process, then taken in over HTTP by the silos: that intake is the measured one), so the runs differ
/// only in the number of silos. The silos' processor time is the sum of their processes' user and
/// system time over the measured window; the machine's (from /proc/stat) adds PostgreSQL's and the load
/// generator's, and on an idle machine is the whole cost of a decision.
/// </remarks>
internal static class SilosBench
{
    public static async Task RunAsync(string server, SilosOptions options, string folder, Func<TimeSpan>? databaseCpu)
    {
        var city = CityGenerator.Generate(new CityOptions(DateTimeOffset.UtcNow) { Persons = options.Persons });
        var subjects = city.Persons.Select(p => p.Id).ToArray();
        var bareUri = new Uri($"http://127.0.0.1:{FreePort().ToString(CultureInfo.InvariantCulture)}/");
        await using var bare = await BareServer.StartAsync(bareUri.Port);
        var rows = new List<(int Count, IntakeResult BareIntake, IntakeResult Intake, LoadResult Ceiling, LoadResult Decisions, long[] Resident)>();
        foreach (var count in options.Silos)
        {
            await using var database = await BenchDatabase.CreateAsync(server, "credence_silos");
            RegistryKeys keys;
            await using (var registry = CredenceRegistry.Open(StoreChoice.Database(database.ConnectionString), TimeProvider.System))
            {
                keys = await RegistrySetup.PrepareAsync(registry, city.Sources);
            }

            NpgsqlConnection.ClearAllPools();
            var batches = HttpIntake.Prepare(city, keys.SourceKeys, options.IntakeBatch);
            var ledgerKey = Path.Combine(folder, $"silos-{count}.ledger.key");
            var silos = new List<SiloProcess>();
            try
            {
                for (var i = 0; i < count; i++)
                {
                    silos.Add(await SiloProcess.StartAsync(folder, database.ConnectionString, ledgerKey, cluster: true));
                }

                foreach (var silo in silos)
                {
                    await silo.WaitReadyAsync(count, TimeSpan.FromMinutes(2));
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count} silo(s) ready: {string.Join(", ", silos.Select(s => $"{s.Address} (pid {s.Id})"))}; load average {File.ReadAllText("/proc/loadavg").Trim()}"));
                TimeSpan Cpu() => silos.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.ProcessorTime);
                var endpoints = silos.Select(s => s.Address).ToArray();
                var name = count == 1 ? "1 silo" : $"{count} silos";

                var bareIntake = await HttpIntake.RunAsync("bare Kestrel intake", [bareUri], batches, options.IntakeWarmup);
                Console.WriteLine(bareIntake);
                var intake = await HttpIntake.RunAsync($"{name} intake", endpoints, batches, options.IntakeWarmup, Cpu, databaseCpu);
                Console.WriteLine(intake);

                var decide = Decisions.Spread(subjects, keys.RelyingPartyKey);
                var seconds = TimeSpan.FromSeconds(options.Seconds);
                var warmup = TimeSpan.FromSeconds(options.Warmup);
                var ceiling = await LoadGenerator.RunAsync("bare Kestrel decisions", [bareUri], decide, options.Concurrency, seconds, long.MaxValue, warmup);
                Console.WriteLine(ceiling);
                var decisions = await LoadGenerator.RunAsync($"{name} decisions", endpoints, decide, options.Concurrency, seconds, long.MaxValue, warmup, Cpu, databaseCpu);
                Console.WriteLine(decisions);
                var memory = silos.Select(s => s.Memory()).ToArray();
                rows.Add((count, bareIntake, intake, ceiling, decisions, [.. memory.Select(m => m.Resident)]));
            }
            finally
            {
                foreach (var silo in silos)
                {
                    await silo.DisposeAsync();
                }
            }
        }

        await bare.StopAsync();
        Console.WriteLine();
        Print(rows);
    }

    /// <summary>The run's table: every ratio taken against bare Kestrel in the same silo count's run, every CPU cost also against the first row's (one silo).</summary>
    private static void Print(List<(int Count, IntakeResult BareIntake, IntakeResult Intake, LoadResult Ceiling, LoadResult Decisions, long[] Resident)> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        static double PerRecord(IntakeResult r) => (r.ServerCpu?.TotalMicroseconds ?? 0) / Math.Max(1, r.Lines);
        static string Database(double? micros) => micros is { } m ? string.Create(CultureInfo.InvariantCulture, $"{m:F0} µs") : "not read";
        var first = rows[0];
        Console.WriteLine("| silos | intake over HTTP | ratio to bare Kestrel | silos' CPU a record (to the first row) | decisions, closed loop | ratio to bare Kestrel | silos' CPU a decision (to the first row) | PostgreSQL's CPU a decision | machine's CPU a decision | resident per silo |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (count, bareIntake, intake, ceiling, decisions, resident) in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {count} | {intake.PerSecond:N0} records/s ({intake.FailedBatches} batches failed) | {intake.PerSecond / bareIntake.PerSecond:P1} of {bareIntake.PerSecond:N0} | {PerRecord(intake):F0} µs ({PerRecord(intake) / PerRecord(first.Intake):F2}x) | {decisions.PerSecond:N0} req/s, p50 {decisions.P50Ms:F1} ms, p99 {decisions.P99Ms:F1} ms ({decisions.Errors} errors) | {decisions.PerSecond / ceiling.PerSecond:P1} of {ceiling.PerSecond:N0} | {decisions.ServerCpuMicroseconds ?? 0:F0} µs ({(decisions.ServerCpuMicroseconds ?? 0) / (first.Decisions.ServerCpuMicroseconds ?? 1):F2}x) | {Database(decisions.DatabaseCpuMicroseconds)} | {decisions.MachineCpuMicroseconds:F0} µs ({decisions.MachineCpuMicroseconds / first.Decisions.MachineCpuMicroseconds:F2}x) | {string.Join(" + ", resident.Select(r => $"{r / 1048576.0:N0}"))} MiB |"));
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
