using System.Diagnostics;
using System.Globalization;
using Credence.Core.Scoring;
using Credence.Load;
using Credence.Rescore.Bench;
using Npgsql;

// Usage: dotnet run -c Release --project bench/Credence.Rescore.Bench [-- --subjects 1000000] [--records-each 10]
//        [--runs 5] [--sql-runs 2] [--sample 1000] [--no-postgres] [--explain] [--connection "Host=...;Username=...;Database=..."]
// Re-scores every subject under a draft with the batch kernel (in memory, both cores), then has
// PostgreSQL compute the same results in SQL from the same data, checks that the three agree (engine,
// kernel, SQL) and prints the times and their ratio. Exit 1 when any result differs.
var subjects = Option("--subjects", 1_000_000);
var recordsEach = Option("--records-each", 10);
var runs = Option("--runs", 5);
var sqlRuns = Option("--sql-runs", 2);
var sampleSize = Option("--sample", 1_000);
var connection = OptionText("--connection");
var withPostgres = !args.Contains("--no-postgres");
var asOf = Population.AsOf;
var log = (string line) => Console.WriteLine(line);

var draft = CompiledPolicy.Compile(DraftPolicy.Load());
var population = new Population(draft.Policy, subjects, recordsEach, seed: 20260601);
log($"Re-scoring benchmark: {subjects:N0} subjects x {recordsEach} records under {draft.Policy.VersionTag} as of {asOf:yyyy-MM-dd}, {Environment.ProcessorCount} cores");

// Generation is not timed: the registry's facts are in memory before a simulation starts.
var generation = Stopwatch.StartNew();
var builder = new RecordColumnsBuilder(subjects * (recordsEach + 1));
for (var s = 0; s < subjects; s++)
{
    var (subject, versions) = population.Subject(s);
    builder.AddSubject(subject.Kind, subject.BirthDate);
    foreach (var v in versions)
    {
        builder.AddVersion(v.Type, v.Area, v.Occurred, v.Reported, v.KnownUntil, v.Action == Credence.Core.Records.RecordAction.Withdrawn, v.HasLegalBasis, v.Quantity, v.DisputedAt, v.RepairedAt);
    }
}

var columns = builder.Build();
builder = null;
log($"generated {columns.Subjects:N0} subjects, {columns.Versions:N0} record versions in {generation.Elapsed.TotalSeconds:F1} s (not timed)");

// The kernel: every subject scored, all results kept; each run from scratch.
var kernelTimes = new List<double>();
ScoreSummary[] results = [];
for (var run = 0; run < runs; run++)
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    var watch = Stopwatch.StartNew();
    results = BatchScoring.ScoreAll(draft, columns, asOf);
    kernelTimes.Add(watch.Elapsed.TotalSeconds);
    log(string.Create(CultureInfo.InvariantCulture, $"kernel run {run + 1}: {kernelTimes[^1]:F3} s ({subjects / kernelTimes[^1]:N0} subjects/s)"));
}

var failures = 0;

// Check 1: the kernel against the engine (each sampled subject's file compiled and scored).
var sample = Enumerable.Range(0, Math.Min(sampleSize, subjects)).Select(i => new Random(i).Next(subjects)).Distinct().Order().ToArray();
foreach (var s in sample)
{
    var engine = ScoringEngine.Evaluate(SubjectFacts.Compile(draft, population.File(s)), asOf, true);
    if (engine != results[s])
    {
        failures++;
        log($"MISMATCH subject {s}: engine {engine}, kernel {results[s]}");
    }
}

log($"engine check: {sample.Length:N0} sampled subjects, {failures} differences");
var tally = results.GroupBy(r => r with { Score = 0 }).ToDictionary(g => g.Key, g => (Count: g.LongCount(), Sum: g.Sum(r => (long)r.Score)));
log($"outcomes: {tally.Count} kinds; listed {results.Count(r => r.Lists != 0):N0}; unscored {results.Count(r => r.Status != ScoreStatus.Scored):N0}; grades {string.Join(", ", results.Where(r => r.GradeIndex >= 0).GroupBy(r => r.GradeIndex).OrderBy(g => g.Key).Select(g => $"{draft.Policy.Grades[g.Key].Name} {g.Count():N0}"))}");

var sqlTimes = new List<double>();
if (withPostgres)
{
    PrivateCluster? cluster = null;
    if (connection is null)
    {
        cluster = await PrivateCluster.StartAsync();
        connection = cluster.ConnectionString;
        log($"PostgreSQL: a private cluster on 127.0.0.1:{cluster.Port}");
    }

    try
    {
        var csb = new NpgsqlConnectionStringBuilder(connection);
        var database = $"rescore_{Environment.ProcessId}";
        await using (var admin = NpgsqlDataSource.Create(connection))
        {
            await admin.CreateCommand($"CREATE DATABASE {database}").ExecuteNonQueryAsync();
        }

        csb.Database = database;
        await using var source = NpgsqlDataSource.Create(csb.ConnectionString);
        var postgres = new PostgresScoring(source);
        var load = Stopwatch.StartNew();
        await postgres.LoadAsync(population, log);
        await postgres.LoadPolicyAsync(draft.Policy);
        log($"loaded in {load.Elapsed.TotalSeconds:F0} s (not timed)");
        for (var run = 0; run < sqlRuns; run++)
        {
            var elapsed = await postgres.ScoreAsync(draft, asOf);
            sqlTimes.Add(elapsed.TotalSeconds);
            log(string.Create(CultureInfo.InvariantCulture, $"SQL run {run + 1}: {elapsed.TotalSeconds:F3} s"));
        }

        if (args.Contains("--explain"))
        {
            log(await postgres.ExplainAsync(draft, asOf));
        }

        // Check 2: SQL against the kernel, subject by subject on the sample, and in aggregate on everyone.
        var rows = await postgres.ReadAsync(sample);
        var sqlFailures = 0;
        foreach (var s in sample)
        {
            if (!rows.TryGetValue(s, out var sql) || sql != results[s])
            {
                sqlFailures++;
                if (sqlFailures <= 20)
                {
                    log($"MISMATCH subject {s}: kernel {results[s]}, SQL {(rows.TryGetValue(s, out var r) ? r.ToString() : "missing")}");
                }
            }
        }

        var sqlTally = await postgres.TallyAsync();
        var tallyDifferences = tally.Count(kv => !sqlTally.TryGetValue(kv.Key, out var t) || t != kv.Value) + sqlTally.Keys.Count(k => !tally.ContainsKey(k));
        log($"SQL check: {sample.Length:N0} sampled subjects, {sqlFailures} differences; whole population: {tallyDifferences} of {tally.Count} outcome kinds differ in count or score sum");
        failures += sqlFailures + tallyDifferences;
        if (cluster is null)
        {
            // On a server of the caller's, the bench's own database goes when the run ends.
            NpgsqlConnection.ClearAllPools();
            await using var admin = NpgsqlDataSource.Create(connection);
            await admin.CreateCommand($"DROP DATABASE {database} WITH (FORCE)").ExecuteNonQueryAsync();
        }
    }
    finally
    {
        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }
    }
}

var best = kernelTimes.Min();
var median = kernelTimes.Order().ElementAt(kernelTimes.Count / 2);
log(string.Empty);
log(string.Create(CultureInfo.InvariantCulture, $"kernel: best {best:F3} s, median {median:F3} s of {runs} runs (target at most 1.7 s: {(median <= 1.7 ? "met" : "NOT met")})"));
if (sqlTimes.Count > 0)
{
    var sqlBest = sqlTimes.Min();
    log(string.Create(CultureInfo.InvariantCulture, $"SQL:    best {sqlBest:F3} s of {sqlRuns} runs"));
    log(string.Create(CultureInfo.InvariantCulture, $"ratio:  SQL best / kernel best = {sqlBest / best:F1}x, SQL best / kernel median = {sqlBest / median:F1}x (target at least 5x: {(sqlBest / median >= 5 ? "met" : "NOT met")})"));
}

if (failures > 0)
{
    log($"FAILED: {failures} differences between engine, kernel and SQL");
    return 1;
}

return 0;

int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

string? OptionText(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
