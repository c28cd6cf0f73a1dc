using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Credence.App.Output;
using Credence.Core.Explanations;
using Credence.Core.Identifiers;
using Credence.Core.Policies.Loading;
using Credence.Core.Records;
using Credence.Core.Scoring;
using Spectre.Console;

namespace Credence.App.Cli;

/// <summary>
/// <c>credence score</c>: the offline scorer. A subject runs it on its own file to reproduce the
/// registry's result: same engine, same policy, same as-of instant, same answer.
/// </summary>
internal static class ScoreCommand
{
    public static Command Create(TimeProvider clock)
    {
        var policy = new Option<string>("--policy") { Description = "Policy YAML file", Required = true };
        var records = new Option<string>("--records") { Description = "NDJSON file of records (one JSON object per line)", Required = true };
        var asOf = new Option<string?>("--as-of") { Description = "ISO 8601 instant to evaluate at (default: now)" };
        var subject = new Option<string?>("--subject") { Description = "Score only this subject (default: every subject in the file)" };
        var consent = new Option<bool>("--consent") { Description = "The subject consents to scoring (matters when the policy requires consent)" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tables" };
        var command = new Command("score", "Score subjects offline from a policy and a records file") { policy, records, asOf, subject, consent, json };
        command.SetAction(parse =>
        {
            var now = clock.GetUtcNow();
            var at = now;
            if (parse.GetValue(asOf) is { } text && !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at))
            {
                return Fail($"--as-of '{text}' is not an ISO 8601 instant");
            }

            var policyPath = parse.GetValue(policy)!;
            var recordsPath = parse.GetValue(records)!;
            foreach (var path in new[] { policyPath, recordsPath })
            {
                if (!File.Exists(path))
                {
                    return Fail($"{path}: file not found");
                }
            }

            var loaded = PolicyLoader.LoadFile(policyPath);
            if (loaded.Policy is null || !loaded.IsValid)
            {
                return Fail([.. loaded.Problems.Select(p => p.ToString())]);
            }

            var (all, problems) = RecordFileReader.Read(recordsPath, now);
            if (problems.Count > 0)
            {
                return Fail([.. problems]);
            }

            var subjects = all.Select(r => r.Subject).Distinct().OrderBy(s => s.Value, StringComparer.Ordinal).ToList();
            if (parse.GetValue(subject) is { } only)
            {
                var check = SubjectIdentifiers.Check(only, DateOnly.FromDateTime(now.UtcDateTime));
                if (!check.IsValid)
                {
                    return Fail($"--subject: invalid identifier: {check.Rule}: {check.Reason}");
                }

                subjects = [check.Id!.Value];
            }

            if (subjects.Count == 0)
            {
                return Fail($"{recordsPath}: no records and no --subject: nothing to score");
            }

            var compiled = CompiledPolicy.Compile(loaded.Policy);
            var assessments = new List<Assessment>();
            foreach (var s in subjects)
            {
                SubjectFile file;
                try
                {
                    file = SubjectFile.Create(s, all.Where(r => r.Subject == s));
                }
                catch (ArgumentException ex)
                {
                    return Fail(ex.Message);
                }

                assessments.Add(Explainer.Assess(SubjectFacts.Compile(compiled, file), at, parse.GetValue(consent)));
            }

            if (parse.GetValue(json))
            {
                object document = assessments.Count == 1 ? AssessmentDocument.From(assessments[0]) : assessments.Select(AssessmentDocument.From).ToList();
                Console.Out.WriteLine(JsonSerializer.Serialize(document, CredenceJson.Options));
            }
            else
            {
                var console = Terminal.Out();
                foreach (var a in assessments)
                {
                    AssessmentRenderer.Render(console, a);
                    console.WriteLine();
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static int Fail(params string[] lines)
    {
        foreach (var line in lines)
        {
            Console.Error.WriteLine(line);
        }

        return ExitCodes.Invalid;
    }
}
