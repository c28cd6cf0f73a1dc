using Credence.Core.Intake;

namespace Credence.Registry.Intake;

/// <summary>Splits an NDJSON body into numbered record lines; blank lines are skipped but counted.</summary>
public static class NdjsonRecordLines
{
    public static List<NumberedLine> Parse(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var lines = new List<NumberedLine>();
        var number = 0;
        foreach (var range in body.AsSpan().Split('\n'))
        {
            number++;
            var text = body.AsSpan(range.Start.Value, range.End.Value - range.Start.Value).TrimEnd('\r');
            if (text.IsWhiteSpace())
            {
                continue;
            }

            var line = RecordLineParser.ParseJson(text.ToString(), out var problem);
            lines.Add(new NumberedLine(number, line, problem));
        }

        return lines;
    }
}
