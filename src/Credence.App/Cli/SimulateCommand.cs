using System.CommandLine;
using System.Globalization;
using System.Text;
using Credence.Core.Policies.Loading;
using Credence.Core.Simulation;
using Credence.Registry;
using Credence.Registry.Access;
using Spectre.Console;

using Credence.Core.Records;

namespace Credence.App.Cli;

/// <summary>
/// <c>credence simulate --policy DRAFT.yaml [--against TAG] [--as-of INSTANT] [STORE] [--purpose TEXT] [--json | --html FILE] [--replay FROM..TO]</c>:
/// the draft against the policy in force (or a named version) over every subject of the registry,
/// stored as a report a second operator signs off; or, with <c>--replay</c>, week by week over the ledger's history.
/// </summary>
internal static partial class SimulateCommand
{
    public static Command Create(TimeProvider clock)
    {
        var policy = new Option<string>("--policy") { Description = "The draft policy's YAML file", Required = true };
        var against = new Option<string?>("--against") { Description = "The stored version to compare with (default: the one in force at --as-of)" };
        var asOf = new Option<string?>("--as-of") { Description = "ISO 8601 instant with offset whose records are read (default: now; never in the future)" };
        var purpose = new Option<string?>("--purpose") { Description = "Why the sampled subjects' ids are needed: shows them unmasked, logged as a read of each" };
        var json = new Option<bool>("--json") { Description = "Print the report as its canonical JSON" };
        var html = new Option<string?>("--html") { Description = "Also write the report as an HTML page with its charts to FILE" };
        var replay = new Option<string?>("--replay") { Description = "FROM..TO: replay the draft week by week over the history (ISO 8601 instants)" };
        var db = KeysCommand.Db();
        var command = new Command("simulate", "Simulate a draft policy over the registry before it may be activated") { policy, against, asOf, purpose, json, html, replay };
        db.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(policy)!;
            if (!File.Exists(path))
            {
                return KeysCommand.Fail($"{path}: file not found");
            }

            DateTimeOffset? at = null;
            if (parse.GetValue(asOf) is { } asOfText)
            {
                if (InstantText.Parse(asOfText) is not { } parsed)
                {
                    return KeysCommand.Fail($"--as-of '{asOfText}' is not an ISO 8601 instant with an offset (e.g. 2026-11-01T00:00:00Z)");
                }

                at = parsed;
            }

            (DateTimeOffset From, DateTimeOffset To)? range = null;
            if (parse.GetValue(replay) is { } replayText)
            {
                var parts = replayText.Split("..", 2, StringSplitOptions.None);
                if (parts.Length != 2 || InstantText.Parse(parts[0]) is not { } from || InstantText.Parse(parts[1]) is not { } to)
                {
                    return KeysCommand.Fail($"--replay '{replayText}' is not FROM..TO with two ISO 8601 instants with offsets (e.g. 2025-01-01T00:00:00Z..2026-01-01T00:00:00Z)");
                }

                range = (from, to);
            }

            var (yaml, unreadable) = PolicyText.ReadFile(path);
            if (yaml is null)
            {
                Console.Out.WriteLine(unreadable!.ToString());
                return ExitCodes.Invalid;
            }

            if (KeysCommand.Open(db, parse, clock, "simulate") is not { } registry)
            {
                return ExitCodes.Invalid;
            }

            await using var _ = registry;
            var by = Principal.LocalOperator();
            if (range is { } r)
            {
                var weeks = await WithProgressAsync("replaying", p => registry.Simulations.ReplayAsync(by, yaml, path, r.From, r.To, p, cancellationToken));
                if (!weeks.IsOk)
                {
                    return Refused(path, weeks.Problem);
                }

                Console.Out.Write(parse.GetValue(json) ? System.Text.Json.JsonSerializer.Serialize(weeks.Value, ReplayJson) + "\n" : SimulationText.Replay(weeks.Value));
                return ExitCodes.Ok;
            }

            // The draft is stored (uploaded, not activated: drafts are not published) so that its report can be signed off and the version activated.
            var upload = await registry.Policies.UploadAsync(by, yaml, path, cancellationToken);
            if (!upload.IsOk)
            {
                return Refused(path, upload.Problem);
            }

            var watch = System.Diagnostics.Stopwatch.StartNew();
            var run = await WithProgressAsync("simulating", p => registry.Simulations.SimulateStoredAsync(by, upload.Value.Policy.Tag, parse.GetValue(against), at, parse.GetValue(purpose), p, cancellationToken));
            if (!run.IsOk)
            {
                return Refused(path, run.Problem);
            }

            if (parse.GetValue(html) is { } htmlPath)
            {
                await File.WriteAllTextAsync(htmlPath, await SimulationPage.RenderAsync(run.Value.Report, run.Value.Digest), new UTF8Encoding(false), cancellationToken);
            }

            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"simulated {run.Value.Report.Population} subjects in {watch.Elapsed.TotalSeconds:0.00} s (report stored{(parse.GetValue(html) is null ? string.Empty : ", page written")})"));

            Console.Out.Write(parse.GetValue(json) ? CanonicalJson.Text(run.Value.Report) + "\n" : SimulationText.Summary(path, run.Value.Report, run.Value.Digest));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static readonly System.Text.Json.JsonSerializerOptions ReplayJson = new() { PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase };

    private static int Refused(string path, RegistryProblem problem)
    {
        Console.Error.WriteLine($"{path}: {problem}");
        foreach (var error in problem.Errors)
        {
            Console.Out.WriteLine(error);
        }

        return ExitCodes.Invalid;
    }

    private static async Task<T> WithProgressAsync<T>(string what, Func<IProgress<(int Done, int Total)>?, Task<T>> work)
    {
        if (Console.IsErrorRedirected)
        {
            return await work(null);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        T result = default!;
        await console.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask(what, maxValue: 1);
            result = await work(new Progress<(int Done, int Total)>(p =>
            {
                task.MaxValue = Math.Max(1, p.Total);
                task.Value = p.Done;
            }));
            task.Value = task.MaxValue;
        });
        return result;
    }
}
