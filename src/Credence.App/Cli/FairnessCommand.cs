using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Credence.App.Output;
using Credence.Core.Fairness;
using Credence.Registry.Access;
using Credence.Registry.Fairness;
using Spectre.Console;

namespace Credence.App.Cli;

/// <summary>
/// <c>credence fairness [--as-of INSTANT] [--grade-at-or-below G] [--min-cohort N] [--seed N] [STORE] [--json]</c>:
/// the fairness report of the policies in force at an instant, as the local operator; the findings in
/// words, or the whole report as JSON.
/// </summary>
internal static class FairnessCommand
{
    public static Command Create(TimeProvider clock)
    {
        var db = StoreOptions.WithDefault("The registry's SQLite database file", "credence.db");
        var asOf = new Option<string?>("--as-of") { Description = "The instant (ISO 8601 with an offset, or a date at midnight UTC); default now" };
        var grade = new Option<string?>("--grade-at-or-below") { Description = "The grade outcome's grade, as the policy writes it (default: each policy's lowest)" };
        var minCohort = new Option<string?>("--min-cohort") { Description = $"Cohorts smaller than this are shown and marked, not judged (default {FairnessOptions.DefaultMinCohort})" };
        var seed = new Option<string?>("--seed") { Description = $"The bootstrap's seed (default {FairnessOptions.DefaultSeed})" };
        var json = new Option<bool>("--json") { Description = "Print the whole report as JSON" };
        var command = new Command("fairness", "The fairness report: adverse outcomes by cohort (region, age band, sex; organisations' region and type), the disparities flagged and the record types that carry them")
        {
            asOf, grade, minCohort, seed, json,
        };
        db.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            DateTimeOffset? at = null;
            if (parse.GetValue(asOf) is { } text)
            {
                if (FairnessRequest.TryParseAsOf(text, out var parsed) is { } reason)
                {
                    return KeysCommand.Fail($"fairness: --{reason}");
                }

                at = parsed;
            }

            int? min = null;
            if (parse.GetValue(minCohort) is { } minText)
            {
                if (!minText.All(char.IsAsciiDigit) || !int.TryParse(minText, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                {
                    return KeysCommand.Fail($"fairness: --min-cohort '{minText}' is not a whole number of subjects, 0 or more");
                }

                min = value;
            }

            ulong? seedValue = null;
            if (parse.GetValue(seed) is { } seedText)
            {
                if (!seedText.All(char.IsAsciiDigit) || !ulong.TryParse(seedText, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                {
                    return KeysCommand.Fail($"fairness: --seed '{seedText}' is not a whole number from 0 to {ulong.MaxValue}");
                }

                seedValue = value;
            }

            var (choice, error) = db.Resolve(parse);
            if (choice is null)
            {
                return KeysCommand.Fail($"fairness: {error}");
            }

            if (choice.IsFile && !File.Exists(choice.Target))
            {
                return KeysCommand.Fail($"fairness: {choice.Target}: file not found");
            }

            if (StoreOptions.Open(choice, clock, "fairness") is not { } registry)
            {
                return ExitCodes.Invalid;
            }

            await using var _ = registry;
            var request = new FairnessRequest(at, parse.GetValue(grade), min, seedValue);
            var by = Principal.LocalOperator();
            Registry.Outcome<FairnessReport> outcome = default;
            var watch = System.Diagnostics.Stopwatch.StartNew();
            if (Console.IsErrorRedirected)
            {
                outcome = await registry.Fairness.ReportAsync(by, request, cancellationToken: cancellationToken);
            }
            else
            {
                var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
                await console.Progress().StartAsync(async progress =>
                {
                    var task = progress.AddTask("reading and scoring every subject", maxValue: 1);
                    outcome = await registry.Fairness.ReportAsync(by, request, new Progress<FairnessProgress>(p =>
                    {
                        task.MaxValue = Math.Max(p.Total, 1);
                        task.Value = p.Done;
                    }), cancellationToken);
                    task.Value = task.MaxValue;
                });
            }

            if (!outcome.IsOk)
            {
                return KeysCommand.Fail($"fairness: {outcome.Problem}");
            }

            var report = outcome.Value!;
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"fairness: {report.Sections.Sum(s => s.Assessed):N0} subjects assessed in {watch.Elapsed.TotalSeconds:F1} s"));
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(report, CredenceJson.Options));
            }
            else
            {
                foreach (var line in report.Summary.En)
                {
                    Console.Out.WriteLine(line);
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
