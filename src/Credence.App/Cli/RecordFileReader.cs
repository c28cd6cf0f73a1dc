using Credence.Core.Intake;
using Credence.Core.Records;

namespace Credence.App.Cli;

/// <summary>Reads an NDJSON file of record lines; every bad line is reported with its number and nothing is returned when any is bad.</summary>
internal static class RecordFileReader
{
    public static (List<Record> Records, List<string> Problems) Read(string path, DateTimeOffset now)
    {
        var records = new List<Record>();
        var problems = new List<string>();
        var number = 0;
        foreach (var text in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var line = RecordLineParser.ParseJson(text, out var problem);
            var record = line is null ? null : RecordLineParser.ToRecord(line, now, out problem);
            if (record is null)
            {
                problems.Add($"{path}:{number}: {problem}");
            }
            else
            {
                records.Add(record);
            }
        }

        return (records, problems);
    }
}
