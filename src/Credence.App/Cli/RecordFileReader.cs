using Credence.Core.DueProcess;
using Credence.Core.Intake;
using Credence.Core.Records;

namespace Credence.App.Cli;

/// <summary>
/// Reads an NDJSON file of record versions and due-process events (lines with an <c>event</c> member,
/// <see cref="CaseLine"/>); every bad line is reported with its number and nothing is returned when any is bad.
/// </summary>
internal static class RecordFileReader
{
    public static (List<Record> Records, List<Dispute> Disputes, List<RecordRepair> Repairs, List<string> Problems) Read(string path, DateTimeOffset now)
    {
        var records = new List<Record>();
        var events = new List<(int, CaseLine)>();
        var problems = new List<(int Line, string Text)>();
        var number = 0;
        foreach (var text in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            IntakeProblem? problem;
            if (CaseLineParser.IsEvent(text))
            {
                if (CaseLineParser.ParseJson(text, out problem) is { } e)
                {
                    events.Add((number, e));
                    continue;
                }
            }
            else
            {
                var line = RecordLineParser.ParseJson(text, out problem);
                if (line is not null && RecordLineParser.ToRecord(line, now, out problem) is { } record)
                {
                    records.Add(record);
                    continue;
                }
            }

            problems.Add((number, problem!.ToString()));
        }

        var (disputes, repairs, refused) = CaseLineParser.Apply(records, events, now);
        problems.AddRange(refused.Select(r => (r.Line, r.Problem.ToString())));
        return (records, disputes, repairs, [.. problems.OrderBy(p => p.Line).Select(p => $"{path}:{p.Line}: {p.Text}")]);
    }
}
