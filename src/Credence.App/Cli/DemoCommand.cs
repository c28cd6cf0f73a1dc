using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Credence.App.Demo;
using Credence.App.Output;
using Credence.App.Http;
using Credence.Demo;
using Credence.Registry;
using Credence.Registry.State;
using Credence.Registry.Storage;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Credence.App.Cli;

/// <summary>
/// <c>credence demo</c>: a fresh database, the sample policies activated, a deterministic synthetic
/// city replayed through intake, a summary and a key for every role, then the registry serves.
/// </summary>
/// <remarks>
/// <para>
/// The city ends now unless <c>--end</c> names another instant: its records are dated back from
/// that end, so two runs give the same city, record for record, exactly when seed and end agree.
/// </para>
/// <para>
/// Implementation note: the default database (<c>credence-demo.db</c>) is recreated on every run; a
/// database named with <c>--db</c> that already exists is refused rather than overwritten, so the
/// demo can never destroy a real registry.
/// </para>
/// </remarks>
internal static class DemoCommand
{
    private const string DefaultDb = "credence-demo.db";

    /// <summary>
    /// The ledger batching while the city is built: the writer takes every unit queued (a week's
    /// submissions of all the sources, a chunk of the scheduler's subjects) into one transaction.
    /// </summary>
    /// <remarks>
    /// Implementation note: each unit is still acknowledged only once its transaction, rows and
    /// ledger entries together, is durable; larger batches only mean fewer fsyncs (the default of
    /// 256 entries made every weekly submission of a source a commit of its own). The registry
    /// the demo then serves uses the configured batching, like any other.
    /// </remarks>
    private static readonly Credence.Registry.Ledger.LedgerBatching ReplayBatching = new() { BatchSize = Credence.Registry.Ledger.LedgerBatching.MaxBatchSize };

    public static Command Create(TimeProvider real)
    {
        var persons = new Option<int>("--persons") { Description = "Persons in the city (organisations: a tenth of that)", DefaultValueFactory = _ => 100_000 };
        var organisations = new Option<int?>("--organisations") { Description = "Organisations in the city (default: persons / 10)" };
        var db = StoreOptions.WithDefault("Database file to create", DefaultDb);
        var seed = new Option<long>("--seed") { Description = "Changes the city", DefaultValueFactory = _ => 2026 };
        var end = new Option<string?>("--end") { Description = "The city's last instant, e.g. 2026-11-01T00:00:00Z (default: now; UTC unless an offset is given); the same seed and end give the same city" };
        var noServe = new Option<bool>("--no-serve") { Description = "Exit after the summary" };
        var urls = new Option<string>("--urls") { Description = "Where to listen", DefaultValueFactory = _ => RegistryServerOptions.DefaultUrls };
        var command = new Command("demo", "Build and serve a demo registry of a synthetic city") { persons, organisations, seed, end, noServe, urls };
        db.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (choice, error) = db.Resolve(parse);
            if (choice is null)
            {
                return KeysCommand.Fail($"demo: {error}");
            }

            var path = choice.IsFile ? choice.Target : choice.Describe();
            var now = real.GetUtcNow();
            var last = now;
            if (parse.GetValue(end) is { } text)
            {
                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out last))
                {
                    return KeysCommand.Fail($"demo: --end '{text}' is not an instant (for example 2026-11-01T00:00:00Z)");
                }

                if (last > now)
                {
                    return KeysCommand.Fail($"demo: --end {last:u} is in the future; a city's records are all reported by now");
                }
            }

            if (choice.IsFile)
            {
                if (File.Exists(path) && path != DefaultDb)
                {
                    return KeysCommand.Fail($"demo: {path} exists; the demo builds a fresh database and will not overwrite one (choose another --db)");
                }

                foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
                {
                    File.Delete(path + suffix);
                }
            }

            var phases = new DemoPhases();
            CityOptions options;
            City city;
            try
            {
                options = new CityOptions(last) { Persons = parse.GetValue(persons), Seed = parse.GetValue(seed) };
                if (parse.GetValue(organisations) is { } orgs)
                {
                    options = options with { Organisations = orgs };
                }

                city = CityGenerator.Generate(options);
            }
            catch (ArgumentOutOfRangeException e)
            {
                return KeysCommand.Fail($"demo: {e.Message.Split(Environment.NewLine)[0]}");
            }

            phases.Done("generating");
            if (await BuildAsync(choice, path, city, options, real, phases, parse.GetValue(urls)!, cancellationToken) is { } failed)
            {
                return failed;
            }

            // Implementation note: the city and everything the build held are garbage once BuildAsync
            // returned (its state machine held them, not this one); one compacting collection gives
            // that memory back before the registry serves, so that serving starts at its own size.
            city = null!;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            NativeMemory.Trim();
            if (parse.GetValue(noServe))
            {
                phases.PrintTotal(serving: false);
                return ExitCodes.Ok;
            }

            var at = parse.GetValue(urls)!.TrimEnd('/');
            await using var server = await RegistryServer.CreateAsync(new RegistryServerOptions(choice.IsFile ? path : DefaultDb, parse.GetValue(urls)!, real, LogLevel.Warning, JsonLogs: false) { Store = choice });
            await server.StartAsync(cancellationToken);
            phases.Done("ready to serve");
            phases.PrintTotal(serving: true);
            Console.Out.WriteLine($"serving on {at}: open {at}/docs for the API, with the keys above as Bearer tokens; Ctrl+C stops");
            Console.Out.WriteLine($"the portal is at {at}/ (English and 中文): anyone may look up organisations, lists, policies and the ledger; sign in with a key printed above: the subject key on the 'wrong person' line, or the operator's (city-operator)");
            await server.App.WaitForShutdownAsync(cancellationToken);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Builds the city's registry, prints its summary and signs its first checkpoint; null when done, else the exit code.</summary>
    private static async Task<int?> BuildAsync(StoreChoice choice, string path, City city, CityOptions options, TimeProvider real, DemoPhases phases, string urls, CancellationToken cancellationToken)
    {
        var clock = new DemoClock(city.Start.AddDays(-1), real);
        DemoKeys keys;
        RegistrySummary summary;
        Core.Fairness.FairnessReport fairness;
        DemoSeeder seeder;
        Credence.Registry.Ledger.StoredCheckpoint checkpoint;
        if (StoreOptions.Open(choice with { BulkLoad = true }, clock, "demo", ReplayBatching) is not { } opened)
        {
            return ExitCodes.Invalid;
        }

        await using (var registry = opened)
        {
            // A PostgreSQL database is never emptied: the demo builds its city only in one that holds no registry yet.
            if (!choice.IsFile && await registry.Store.ReadAsync(r => r.ListPolicies().Count > 0 || r.ListPrincipals().Count > 0, cancellationToken))
            {
                return KeysCommand.Fail($"demo: the PostgreSQL database at {path} already holds a registry; the demo builds a fresh one and will not add to it (create an empty database)");
            }

            seeder = new DemoSeeder(registry, clock, city);
            await seeder.ActivatePoliciesAsync(Path.Combine(AppContext.BaseDirectory, "policies"), cancellationToken);
            keys = await seeder.RegisterAsync(cancellationToken);
            phases.Done("policies and keys");
            var console = Terminal.Error();
            Console.Error.WriteLine($"demo: {city.Persons.Count:N0} persons, {city.Organisations.Count:N0} organisations, about {city.EstimatedRecords:N0} records from {city.Sources.Count} sources over {options.Years} years (seed {options.Seed})");
            if (Console.IsErrorRedirected)
            {
                long done = 0, next = 100_000;
                await seeder.ReplayAsync(n =>
                {
                    done += n;
                    if (done >= next)
                    {
                        Console.Error.WriteLine($"demo: {done:N0} records taken in");
                        next += 100_000;
                    }
                }, cancellationToken);
            }
            else
            {
                await console.Progress().StartAsync(async progress =>
                {
                    var task = progress.AddTask("taking in the city's records", maxValue: Math.Max(1, city.EstimatedRecords));
                    await seeder.ReplayAsync(n => task.Increment(n), cancellationToken);
                    task.Value = task.MaxValue;
                });
            }

            phases.Done("intake and scheduler replay", string.Create(CultureInfo.InvariantCulture, $"{seeder.Records / Math.Max(seeder.IntakeTime.TotalSeconds, 0.001):N0} records/s"));
            var (stories, scheduler, handled, submissions, weeks) = seeder.Split;
            phases.Detail(string.Create(CultureInfo.InvariantCulture,
                $"replay: {weeks:N0} weeks; the scheduler's weekly runs {scheduler.TotalSeconds:F1} s ({handled:N0} subjects handled), the sources' submissions {submissions.TotalSeconds:F1} s, the stories' steps {stories.TotalSeconds:F1} s; {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:F1} s of processor time so far"));
            await seeder.FinishStoriesAsync(cancellationToken);
            clock.GoLive();
            summary = await seeder.SummaryAsync(cancellationToken);
            phases.Done("stories and summary");
            fairness = await seeder.FairnessAsync(cancellationToken);
            phases.Done("fairness report");

            // The city's ledger gets its signing key and a first signed checkpoint, so that
            // `credence verify` checks signatures on it from the start, served or not.
            checkpoint = await LedgerKeys.Service(new RegistryServerOptions(choice.IsFile ? path : DefaultDb) { Store = choice }, registry).SignAsync(cancellationToken);
        }

        phases.Done("checkpoint");
        PrintSummary(summary, seeder, keys, phases.Elapsed, path, urls);
        PrintFairness(fairness, choice.IsFile ? "--db " + path : "--store postgres --connection ...");
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ledger: {checkpoint.Size:N0} entries, checkpoint {checkpoint.Id} signed; verifier key in {LedgerKeys.DefaultPath(choice)}.pub; check it all with: credence verify {(choice.IsFile ? "--db " + path : "--store postgres --connection ...")}"));
        return null;
    }

    /// <summary>
    /// A few lines of the city's fairness report after its summary: per kind of subject, who was
    /// assessed, how many disparities were flagged and the two most severe, in words.
    /// </summary>
    private static void PrintFairness(Core.Fairness.FairnessReport report, string store)
    {
        const int Shown = 2;
        Console.Out.WriteLine($"fairness (issue 15; seed {report.Seed}, cohorts of at least {report.MinCohort:N0} judged):");
        foreach (var section in report.Sections)
        {
            foreach (var line in section.Words.En.Take(2 + Math.Min(Shown, section.Findings.Length)))
            {
                Console.Out.WriteLine("  " + line);
            }

            if (section.Findings.Length > Shown)
            {
                Console.Out.WriteLine($"  ... and {section.Findings.Length - Shown:N0} more");
            }
        }

        Console.Out.WriteLine($"  the whole report, in English and Chinese: credence fairness {store} [--json], or GET /v1/reports/fairness as the operator or an auditor");
    }

    private static void PrintSummary(RegistrySummary summary, DemoSeeder seeder, DemoKeys keys, TimeSpan elapsed, string path, string urls)
    {
        var rate = seeder.Records / Math.Max(seeder.IntakeTime.TotalSeconds, 0.001);
        var console = Terminal.Out();
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[bold]demo registry[/] {Markup.Escape(path.Contains('=', StringComparison.Ordinal) ? path : Path.GetFullPath(path))}: {summary.Counts.Subjects:N0} subjects, {summary.Counts.RecordVersions:N0} record versions ({seeder.Rejected:N0} rejected at intake), {rate:N0} records/s, {elapsed.TotalSeconds:F0} s in all"));
        console.MarkupLine("policies active: " + Markup.Escape(string.Join(", ", summary.ActivePolicies)));
        var grades = new Table().Border(TableBorder.Rounded).AddColumn("policy").AddColumn("grade").AddColumn(new TableColumn("subjects").RightAligned()).AddColumn(new TableColumn("share").RightAligned());
        foreach (var byPolicy in summary.Counts.Grades.GroupBy(g => g.PolicyTag))
        {
            var all = Math.Max(1, byPolicy.Sum(g => g.Subjects));
            foreach (var g in byPolicy)
            {
                var grade = g.Grade ?? $"({g.Status.ToString().ToLowerInvariant()})";
                grades.AddRow(Markup.Escape(g.PolicyTag), Markup.Escape(grade), g.Subjects.ToString("N0", CultureInfo.InvariantCulture), (100.0 * g.Subjects / all).ToString("F1", CultureInfo.InvariantCulture) + "%");
            }
        }

        console.Write(grades);
        var lists = new Table().Border(TableBorder.Rounded).AddColumn("policy").AddColumn("list").AddColumn(new TableColumn("subjects").RightAligned());
        foreach (var l in summary.Counts.Lists)
        {
            lists.AddRow(Markup.Escape(l.PolicyTag), Markup.Escape(l.List), l.Subjects.ToString("N0", CultureInfo.InvariantCulture));
        }

        console.Write(lists);
        var dp = summary.Counts.DueProcess;
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"due process: {dp.Disputes:N0} disputes opened ({dp.DisputesWithdrawn + dp.DisputesCorrected:N0} withdrawn or corrected by the source, {dp.DisputesResolvedForSubject:N0} resolved for the subject at the deadline, {dp.DisputesVerified:N0} verified, {dp.DisputesOpen:N0} open), "
            + $"repairs {dp.RepairsGranted:N0} granted / {dp.RepairsRefused:N0} refused, {dp.AffectedDecisions:N0} decisions marked affected, {dp.Notices:N0} notices sent"));
        Console.Out.WriteLine("keys (shown once; the registry keeps only their hashes):");
        foreach (var (role, name, scope, key) in keys.Keys)
        {
            Console.Out.WriteLine($"  {role,-13} {name,-26} {key}  ({scope})");
        }

        if (seeder.StoryKeys.Count > 0)
        {
            Console.Out.WriteLine($"due-process stories (read a subject's notices: curl -H \"Authorization: Bearer KEY\" {urls}/v1/me/notices):");
            foreach (var (story, key) in seeder.StoryKeys)
            {
                Console.Out.WriteLine($"  {"subject",-13} {story.PrincipalName,-26} {key}  ({story.Person.Id}, {story.Name}: {story.Told})");
            }
        }
    }
}
