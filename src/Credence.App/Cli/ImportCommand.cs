using System.CommandLine;
using System.Diagnostics;
using Credence.Core.Intake;
using Credence.Registry;
using Credence.Registry.Access;
using Credence.Registry.Intake;
using Spectre.Console;

namespace Credence.App.Cli;

/// <summary>
/// <c>credence import FILE --db PATH --source NAME</c>: takes in a source's NDJSON or CSV file in
/// batches (each batch one transaction), with a progress bar on an interactive terminal and a
/// final report: how many lines were accepted, duplicates or rejected, and why each was rejected.
/// Importing the same file again changes nothing (every line is a duplicate).
/// </summary>
internal static class ImportCommand
{
    private const int MaxListed = 50;

    public static Command Create(TimeProvider clock)
    {
        var file = new Argument<string>("file") { Description = "NDJSON (one record per line) or CSV (header row of record fields) file" };
        var db = KeysCommand.Db();
        var source = new Option<string>("--source") { Description = "The registered source the records come from", Required = true };
        var format = new Option<string?>("--format") { Description = "ndjson or csv (default: from the file extension)" };
        var batch = new Option<int>("--batch-size") { Description = "Lines per transaction", DefaultValueFactory = _ => 10_000 };
        var command = new Command("import", "Import a source's records from a file") { file, db, source, format, batch };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                return KeysCommand.Fail($"{path}: file not found");
            }

            var csv = (parse.GetValue(format) ?? Path.GetExtension(path).TrimStart('.')).Equals("csv", StringComparison.OrdinalIgnoreCase);
            var size = Math.Clamp(parse.GetValue(batch), 1, 1_000_000);
            await using var registry = CredenceRegistry.Open(parse.GetValue(db)!, clock);
            var name = parse.GetValue(source)!;
            if (await registry.Store.ReadAsync(r => r.FindPrincipal(name), cancellationToken) is not { Role: Role.Source } principal)
            {
                return KeysCommand.Fail($"import: no source named '{name}' is registered; register it with credence keys create --role source --name {name} --types ...");
            }

            IEnumerable<NumberedLine> lines;
            if (csv)
            {
                var parsed = CsvRecordLines.Parse(await File.ReadAllTextAsync(path, cancellationToken), out var headerProblem);
                if (parsed is null)
                {
                    return KeysCommand.Fail($"{path}:1: {headerProblem}");
                }

                lines = parsed;
            }
            else
            {
                lines = ReadNdjson(path);
            }

            var watch = Stopwatch.StartNew();
            var fates = new List<RecordFate>();
            async Task Run(Action<int> advance)
            {
                var submitted = await registry.Intake.SubmitInOrderAsync(principal, lines.Chunk(size), result =>
                {
                    fates.AddRange(result.Fates);
                    advance(result.Fates.Length);
                }, cancellationToken: cancellationToken);
                submitted.GetValueOrThrow();
            }

            if (Console.IsErrorRedirected)
            {
                await Run(_ => { });
            }
            else
            {
                var total = csv ? ((List<NumberedLine>)lines).Count : CountLines(path);
                var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
                await console.Progress().StartAsync(async progress =>
                {
                    var task = progress.AddTask($"importing {Path.GetFileName(path)}", maxValue: Math.Max(total, 1));
                    await Run(n => task.Increment(n));
                });
            }

            return Report(path, name, fates, watch.Elapsed);
        });
        return command;
    }

    private static int Report(string path, string source, List<RecordFate> fates, TimeSpan elapsed)
    {
        var rejected = fates.Where(f => f.Fate == FateKind.Rejected).ToList();
        var accepted = fates.Count(f => f.Fate == FateKind.Accepted);
        var duplicates = fates.Count(f => f.Fate == FateKind.Duplicate);
        Console.Out.WriteLine($"{path}: {fates.Count} lines from source '{source}': {accepted} accepted, {duplicates} duplicate, {rejected.Count} rejected ({elapsed.TotalSeconds:0.0} s)");
        foreach (var f in rejected.Take(MaxListed))
        {
            Console.Out.WriteLine($"{path}:{f.Line}: {f.Problem}");
        }

        if (rejected.Count > MaxListed)
        {
            Console.Out.WriteLine($"... and {rejected.Count - MaxListed} more rejected lines");
        }

        return rejected.Count == 0 ? ExitCodes.Ok : ExitCodes.Invalid;
    }

    private static IEnumerable<NumberedLine> ReadNdjson(string path)
    {
        var number = 0;
        foreach (var text in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var line = RecordLineParser.ParseJson(text, out var problem);
            yield return new NumberedLine(number, line, problem);
        }
    }

    private static int CountLines(string path) => File.ReadLines(path).Count(l => !string.IsNullOrWhiteSpace(l));
}
