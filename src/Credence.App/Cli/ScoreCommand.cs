using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Credence.App.Output;
using Credence.Core.DueProcess;
using Credence.Core.Explanations;
using Credence.Core.Identifiers;
using Credence.Core.Scoring;
using Spectre.Console;

namespace Credence.App.Cli;

/// <summary>
/// <c>credence score</c>: the offline scorer. A subject runs it on its own file to reproduce the
/// registry's result: same engine, same policy, same as-of instant, same answer. The file is either
/// a records file (NDJSON record versions and due-process events) or the subject's own disclosure,
/// which it reproduces at the file's instant or any earlier one, decisions included.
/// </summary>
internal static class ScoreCommand
{
    public static Command Create(TimeProvider clock)
    {
        var policy = new Option<string[]>("--policy") { Description = "Policy YAML: a file, or the URL of a published version (e.g. http://127.0.0.1:5080/v1/public/policies/ID/VERSION); repeat it for a file spanning several versions or kinds of subject", Required = true };
        var records = new Option<string?>("--records") { Description = "NDJSON file of record versions and due-process events (one JSON object per line)" };
        var disclosure = new Option<string?>("--disclosure") { Description = "A disclosure JSON (GET /v1/me/disclosure) to reproduce" };
        var asOf = new Option<string?>("--as-of") { Description = "ISO 8601 instant to evaluate at (default: now, or the disclosure's instant)" };
        var subject = new Option<string?>("--subject") { Description = "Score only this subject (default: every subject in the records file)" };
        var consent = new Option<bool>("--consent") { Description = "The subject consents to scoring (records file; a disclosure holds its consent history)" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tables" };
        var command = new Command("score", "Score subjects offline from a policy and a records file or a disclosure") { policy, records, disclosure, asOf, subject, consent, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var now = clock.GetUtcNow();
            DateTimeOffset? at = null;
            if (parse.GetValue(asOf) is { } text)
            {
                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                {
                    return Fail($"--as-of '{text}' is not an ISO 8601 instant");
                }

                at = parsed.ToUniversalTime();
            }

            var (recordsPath, disclosurePath) = (parse.GetValue(records), parse.GetValue(disclosure));
            if ((recordsPath is null) == (disclosurePath is null))
            {
                return Fail("pass either --records FILE or --disclosure FILE");
            }

            if (disclosurePath is not null && (parse.GetValue(subject) is not null || parse.GetValue(consent)))
            {
                return Fail("--subject and --consent are for a records file; a disclosure is one subject's, with its consent history");
            }

            var path = (recordsPath ?? disclosurePath)!;
            if (!File.Exists(path))
            {
                return Fail($"{path}: file not found");
            }

            var sources = new List<PolicySource>();
            foreach (var where in parse.GetValue(policy) ?? [])
            {
                var (source, policyProblems) = await PolicySource.LoadAsync(where, cancellationToken);
                if (source is null)
                {
                    return Fail([.. policyProblems]);
                }

                sources.Add(source);
            }

            return disclosurePath is not null
                ? Disclosure(disclosurePath, sources, at, now, parse.GetValue(json))
                : Records(recordsPath!, sources, at ?? now, now, parse.GetValue(subject), parse.GetValue(consent), parse.GetValue(json));
        });
        return command;
    }

    private static int Records(string path, List<PolicySource> sources, DateTimeOffset at, DateTimeOffset now, string? only, bool consent, bool json)
    {
        var (all, disputes, repairs, problems) = RecordFileReader.Read(path, now);
        if (problems.Count > 0)
        {
            return Fail([.. problems]);
        }

        var subjects = all.Select(r => r.Subject).Distinct().OrderBy(s => s.Value, StringComparer.Ordinal).ToList();
        if (only is not null)
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
            return Fail($"{path}: no records and no --subject: nothing to score");
        }

        // One policy per kind of subject: with one policy it scores every subject, as before.
        if (sources.Count > 1 && sources.GroupBy(p => p.Policy.Subjects).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            return Fail($"--policy: {string.Join(" and ", twice.Select(p => p.Policy.VersionTag))} are both for {twice.Key.ToString().ToLowerInvariant()} subjects; a records file is scored with one policy per kind of subject");
        }

        var compiled = sources.ToDictionary(p => p.Policy.Subjects, p => CompiledPolicy.Compile(p.Policy));
        var assessments = new List<Assessment>();
        foreach (var s in subjects)
        {
            var policy = sources.Count == 1 ? compiled.Values.Single() : compiled.GetValueOrDefault(s.Kind);
            if (policy is null)
            {
                return Fail($"--policy: no policy given for {s.Kind.ToString().ToLowerInvariant()} subjects ({s.Value})");
            }

            SubjectHistory history;
            try
            {
                history = new SubjectHistory(s, all.Where(r => r.Subject == s), disputes.Where(d => d.Subject == s), repairs.Where(r => all.Any(v => v.Key == r.Record && v.Subject == s)), consent: consent);
            }
            catch (ArgumentException ex)
            {
                return Fail(ex.Message);
            }

            assessments.Add(history.Assess(policy, at));
        }

        if (json)
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
    }

    private static int Disclosure(string path, List<PolicySource> sources, DateTimeOffset? asOf, DateTimeOffset now, bool json)
    {
        var opened = DisclosureReplay.Open(File.ReadAllText(path), sources, now, out var problem);
        var replay = opened is null ? null : DisclosureReplay.At(opened, asOf ?? opened.File.AsOf, out problem);
        if (opened is null || replay is null)
        {
            return Fail($"{path}: {problem}");
        }

        Console.Error.WriteLine(opened.Check);
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(Document(opened, replay), CredenceJson.Options));
            return ExitCodes.Ok;
        }

        var console = Terminal.Out();
        AssessmentRenderer.Render(console, replay.Assessment);
        foreach (var c in replay.Cases)
        {
            console.MarkupLine(Markup.Escape($"due process: {c.Record}: {CaseText(c)}"));
        }

        var decisions = replay.Decisions;
        console.MarkupLine(Markup.Escape($"decisions by {replay.At:u}: {decisions.Count}, replayed {decisions.Count(d => d.Replayed is not null)}, matching the recorded answer {decisions.Count(d => d.Matches)}"));
        foreach (var d in decisions)
        {
            var r = d.Recorded;
            var verdict = d.NotReplayed ?? (d.Matches ? "matches" : $"DIFFERS: replayed {(d.Replayed!.Allowed ? "allowed" : "denied")} ({string.Join(", ", d.Replayed.Reasons.Select(x => x.Code))})");
            console.MarkupLine(Markup.Escape($"  {r.DecidedAt:u} {r.RelyingParty} {r.Capability}: {(r.Allowed ? "allowed" : "denied")}: {verdict}"));
        }

        return ExitCodes.Ok;
    }

    internal static object Document(DisclosureReplay.Opened opened, DisclosureReplay.Replay replay) => new
    {
        subject = opened.File.History.Subject.Value,
        asOf = replay.At,
        fileAsOf = opened.File.AsOf,
        policy = replay.Policy,
        policies = opened.Sources.Select(s => new { tag = s.Policy.VersionTag, digest = s.Digest, source = s.Origin, named = opened.File.DigestOf(s.Policy.VersionTag) }),
        check = opened.Check,
        assessment = AssessmentDocument.From(replay.Assessment),
        dueProcess = replay.Cases.Select(c => new
        {
            record = c.Record.ToString(),
            dispute = c.Dispute?.Id,
            disputeState = c.Dispute?.State,
            disputedFrom = c.DisputedFrom,
            repairedFrom = c.RepairedFrom,
        }),
        decisions = replay.Decisions.Select(d => new
        {
            id = d.Recorded.DecisionId,
            measure = d.Recorded.Measure,
            capability = d.Recorded.Capability,
            decidedAt = d.Recorded.DecidedAt,
            relyingParty = d.Recorded.RelyingParty,
            policyVersion = d.Recorded.PolicyVersion,
            recorded = d.Recorded.Allowed ? "allowed" : "denied",
            replayed = d.Replayed is null ? null : d.Replayed.Allowed ? "allowed" : "denied",
            replayedReasons = d.Replayed?.Reasons.Select(r => r.Code),
            matches = d.Matches,
            notReplayed = d.NotReplayed,
        }),
    };

    private static string CaseText(RecordCase c) =>
        string.Join("; ", new[]
        {
            c.Dispute is { } d ? $"dispute {d.Id} {JsonNamingPolicy.KebabCaseLower.ConvertName(d.State.ToString())} (opened {d.OpenedAt:u}, due {d.DueAt:u})" : null,
            c.DisputedFrom is { } f ? $"flagged as disputed from {f:u}" : null,
            c.RepairedFrom is { } r ? $"repaired: its effect ended {r:u}" : null,
        }.OfType<string>());

    private static int Fail(params string[] lines)
    {
        foreach (var line in lines)
        {
            Console.Error.WriteLine(line);
        }

        return ExitCodes.Invalid;
    }
}
