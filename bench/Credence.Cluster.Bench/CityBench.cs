using System.Globalization;
using Credence.Demo;
using Credence.Load;
using Credence.Registry;
using Credence.Registry.Access;
using Credence.Registry.Principals;
using Credence.Registry.Ledger;
using Credence.Registry.Storage;
using Npgsql;

namespace Credence.Cluster.Bench;

/// <summary>Options of the memory benchmark.</summary>
internal sealed record CityOptionsForBench(int Persons, int Seconds, int Warmup, int Concurrency, int WarmSubjects, int Batch, int IdleSeconds);

/// <summary>
/// A city served by one silo on PostgreSQL (a lone <c>credence serve --store postgres</c> process):
/// its resident memory after loading, after warm decision traffic and after cold; and decisions on
/// warm subjects (asked about again and again) and on cold ones (asked about for the first time since
/// the process started) measured separately.
/// </summary>
/// <remarks>
/// Implementation note: the city is loaded through the registry's own bulk intake in this process
/// (<see cref="CityIntake"/>), the fastest path whose result is the registry's real data (every
/// record checked, ledgered and scored); writing the tables with COPY would be faster but would
/// bypass the ledger and the scoring, so the silo would serve a registry that never existed. Then the
/// serve process starts on the loaded database, so its memory is the serving silo's alone (the
/// intake's caches and the generated city stay in this process). Warm subjects are first each asked
/// about once (not measured), then asked about in the measured run; cold subjects are drawn once each,
/// in a shuffled order, from the rest of the population, never asked about before (the cold run's
/// warm-up draws from the same pool, so it also touches only new subjects).
/// </remarks>
internal static class CityBench
{
    private const long Target = 1L << 30;

    /// <param name="keep">A folder whose PostgreSQL cluster (started by the caller) keeps the loaded city for later runs; null for a throwaway database.</param>
    /// <param name="reuse">Refuse to load: the city must already be kept in <paramref name="keep"/>.</param>
    public static async Task RunAsync(string server, CityOptionsForBench options, string folder, Func<TimeSpan>? databaseCpu, string? keep = null, bool reuse = false)
    {
        var kept = keep is null ? null : KeptCity.Read(keep, options.Persons);
        if (reuse && kept is null)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"--reuse {keep}: no city of {options.Persons:N0} persons was loaded and kept there (load it once with --keep {keep})"));
        }

        string rpKey;
        double loadRate;
        string[] subjects;
        BenchDatabase database;
        if (kept is not null)
        {
            database = BenchDatabase.Kept(server, kept.Database);
            subjects = [.. CityGenerator.Generate(new CityOptions(kept.End) { Persons = kept.Persons }).Persons.Select(p => p.Id)];
            loadRate = kept.LoadRate;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"city: {subjects.Length:N0} persons kept in database {kept.Database} ({kept.Accepted:N0} of {kept.Lines:N0} record versions accepted when loaded at {kept.LoadRate:N0} records/s); not loaded again"));

            // A relying party's key of this run (keys are stored hashed; the kept city keeps none in the clear).
            await using var registry = CredenceRegistry.Open(StoreChoice.Database(database.ConnectionString), TimeProvider.System);
            rpKey = (await registry.Principals.CreateKeyAsync(Principal.LocalOperator("load-operator"),
                new PrincipalRegistration(Role.RelyingParty, "railway-ticketing-" + Guid.NewGuid().ToString("N")[..6], Capabilities: ["rail.g-train.ticket"], Purpose: "selling G-series train tickets"))).GetValueOrThrow().Key;
        }
        else
        {
            database = keep is null
                ? await BenchDatabase.CreateAsync(server, "credence_city")
                : await BenchDatabase.CreateKeptAsync(server, string.Create(CultureInfo.InvariantCulture, $"credence_city_{options.Persons}"));
            var city = CityGenerator.Generate(new CityOptions(DateTimeOffset.UtcNow) { Persons = options.Persons });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"city: {city.Persons.Count:N0} persons, {city.Organisations.Count:N0} organisations, about {city.EstimatedRecords:N0} record versions{(keep is null ? "" : $", kept in {keep} as database {database.Name}")}"));

            // Built in bulk as `credence demo` builds its city: the store may keep more in memory while it
            // loads (never weakening a guarantee) and the ledger batches up to its maximum.
            var bulk = StoreChoice.Database(database.ConnectionString) with { BulkLoad = true };
            await using (var registry = CredenceRegistry.Open(bulk, TimeProvider.System, batching: new LedgerBatching { BatchSize = LedgerBatching.MaxBatchSize }))
            {
                var keys = await RegistrySetup.PrepareAsync(registry, city.Sources);
                rpKey = keys.RelyingPartyKey;
                var next = 1_000_000L;
                var (accepted, lines, elapsed, cpu) = await CityIntake.RunAsync(registry, city, keys.Sources, options.Batch, done =>
                {
                    if (done >= Interlocked.Read(ref next))
                    {
                        Interlocked.Add(ref next, 1_000_000);
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {done:N0} records taken in"));
                    }
                });
                loadRate = lines / elapsed.TotalSeconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load: {accepted:N0} of {lines:N0} record versions accepted in {elapsed.TotalSeconds:F1} s = {lines / elapsed.TotalSeconds:N0} records/s through the registry's bulk intake ({options.Batch:N0}-line chunks, every source at once, up to four chunks in flight each, ledger batches up to {LedgerBatching.MaxBatchSize:N0} entries; {cpu.TotalSeconds:F1} s of this process's CPU)"));
                if (keep is not null)
                {
                    // Written only now: a load cut short leaves no mark, and the next --keep loads again.
                    new KeptCity(database.Name, options.Persons, city.End, lines, accepted, loadRate).Write(keep);
                }
            }

            subjects = [.. city.Persons.Select(p => p.Id)];
        }

        await using var _ = database;
        NpgsqlConnection.ClearAllPools();
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var size = await database.SizeAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"database: {size / 1048576.0:N0} MiB"));

        var started = System.Diagnostics.Stopwatch.StartNew();
        // A kept city keeps its ledger key beside it: its checkpoints stay signed by one key across runs.
        await using var silo = await SiloProcess.StartAsync(folder, database.ConnectionString, Path.Combine(keep ?? folder, "city.ledger.key"), cluster: false);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"serve: ready in {started.Elapsed.TotalSeconds:F1} s at {silo.Address} (pid {silo.Id}); subject grain budget {Environment.GetEnvironmentVariable("Credence__SubjectGrains__Budget") ?? "default"}"));
        using var metrics = new HttpClient { BaseAddress = silo.Address, Timeout = TimeSpan.FromSeconds(5) };
        await Task.Delay(TimeSpan.FromSeconds(5));
        var loaded = silo.Memory();
        Report("after loading (served, idle 5 s)", loaded);

        // The population shuffled once: the first warm subjects, the rest drawn once each for the cold run.
        var order = subjects.ToArray();
        new Random(13).Shuffle(order);
        var warmCount = Math.Min(options.WarmSubjects, order.Length / 2);
        var warm = order[..warmCount];
        var cold = order[warmCount..];
        // Each measured run starts with an unmeasured warm-up (on this 2-core machine the server's JIT
        // still compiles methods 20 s after it started, bench/Credence.Load found).
        var seconds = TimeSpan.FromSeconds(options.Seconds);
        TimeSpan Cpu() => silo.ProcessorTime;

        var touched = -1;
        await LoadGenerator.RunAsync("warm subjects, first touch (not reported)", [silo.Address], _ => Decisions.For(warm[Interlocked.Increment(ref touched) % warm.Length], rpKey), options.Concurrency, TimeSpan.FromHours(1), warm.Length, TimeSpan.Zero);
        var warmRun = await LoadGenerator.RunAsync($"warm: decisions on {warm.Length:N0} subjects asked about before", [silo.Address], i => Decisions.For(warm[(int)((uint)(i * 2654435761u) % (uint)warm.Length)], rpKey), options.Concurrency, seconds, long.MaxValue, TimeSpan.FromSeconds(options.Warmup), Cpu, databaseCpu);
        Console.WriteLine(warmRun);
        var afterWarm = silo.Memory();
        Report("after warm traffic", afterWarm);
        var grainsAfterWarm = await ServeWatch.ActiveGrainsAsync(metrics);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"active subject grains after warm traffic: {grainsAfterWarm:N0}"));

        var drawn = -1;
        var wrapped = false;
        string Cold()
        {
            var n = Interlocked.Increment(ref drawn);
            if (n >= cold.Length)
            {
                wrapped = true;
            }

            return cold[n % cold.Length];
        }

        LoadResult coldRun;
        long coldPeak;
        (long Last, long Most) coldGrains;
        await using (var watch = ServeWatch.Start(silo))
        {
            coldRun = await LoadGenerator.RunAsync("cold: decisions on subjects never asked about", [silo.Address], _ => Decisions.For(Cold(), rpKey), options.Concurrency, seconds, long.MaxValue, TimeSpan.FromSeconds(options.Warmup), Cpu, databaseCpu);
            coldPeak = watch.PeakResident;
            coldGrains = watch.Grains;
        }

        Console.WriteLine(coldRun + (wrapped ? " (the cold pool ran out: some subjects were asked about twice; use more persons or fewer seconds)" : string.Create(CultureInfo.InvariantCulture, $" ({drawn + 1:N0} distinct subjects, each once)")));
        var afterCold = silo.Memory();
        Report("after cold traffic", afterCold);
        var grainsAfterCold = await ServeWatch.ActiveGrainsAsync(metrics);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"during the cold phase (its warm-up included): resident peak {Mib(coldPeak)} (sampled every 200 ms), active subject grains at most {coldGrains.Most:N0} (sampled every second); after it {grainsAfterCold:N0}"));
        if (options.IdleSeconds > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(options.IdleSeconds));
            Report($"after {options.IdleSeconds} s idle (idle grains deactivated)", silo.Memory());
        }

        var worst = new[] { loaded.Resident, afterWarm.Resident, afterCold.Resident, coldPeak }.Max();
        Console.WriteLine();
        Console.WriteLine("| persons | load (records/s) | database | resident after loading | after warm | after cold (peak of the cold phase; of the process) | active grains in the cold phase (at most; after) | warm decisions | cold decisions | target (at most 1 GiB) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {subjects.Length:N0} | {loadRate:N0} | {Mib(size)} | {Mib(loaded.Resident)} | {Mib(afterWarm.Resident)} | {Mib(afterCold.Resident)} ({Mib(coldPeak)}; {Mib(afterCold.Peak)}) | {coldGrains.Most:N0}; {grainsAfterCold:N0} | {warmRun.PerSecond:N0} req/s, p50 {warmRun.P50Ms:F1} ms, p99 {warmRun.P99Ms:F1} ms, {warmRun.ServerCpuMicroseconds ?? 0:F0} µs CPU | {coldRun.PerSecond:N0} req/s, p50 {coldRun.P50Ms:F1} ms, p99 {coldRun.P99Ms:F1} ms, {coldRun.ServerCpuMicroseconds ?? 0:F0} µs CPU | {(worst <= Target && afterCold.Peak <= Target ? "met" : "not met")} |"));
    }

    private static string Mib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:N0} MiB");

    private static void Report(string when, (long Resident, long Peak) memory) =>
        Console.WriteLine($"resident memory of the serve process {when}: {Mib(memory.Resident)} (peak so far {Mib(memory.Peak)})");
}
