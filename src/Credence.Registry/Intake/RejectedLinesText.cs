using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Credence.Registry.Intake;

/// <summary>
/// A batch's rejected lines as a download for the source's own systems: CSV (a header row, then one
/// row per line) or NDJSON (one object per line), each with the line number, the record it named,
/// the version, the problem's code and field, and the reason.
/// </summary>
/// <remarks>
/// Implementation note: every CSV field is quoted, and one that a spreadsheet would take for a
/// formula (it starts with <c>=</c>, <c>+</c>, <c>@</c>, a tab or a carriage return) gets a leading
/// apostrophe: a source's record id opened in a spreadsheet must never run as one.
/// </remarks>
public static class RejectedLinesText
{
    public const string CsvMediaType = "text/csv; charset=utf-8";

    public const string NdjsonMediaType = "application/x-ndjson; charset=utf-8";

    private static readonly JsonWriterOptions Compact = new() { Indented = false };

    public static string Csv(IEnumerable<RejectedLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var text = new StringBuilder("line,record,version,type,field,message\r\n");
        foreach (var l in lines)
        {
            text.Append(l.Line.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Cell(l.Record)).Append(',')
                .Append(l.Version?.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Cell(l.Type)).Append(',')
                .Append(Cell(l.Field)).Append(',')
                .Append(Cell(l.Message)).Append("\r\n");
        }

        return text.ToString();
    }

    public static string Ndjson(IEnumerable<RejectedLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var text = new StringBuilder();
        foreach (var l in lines)
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer, Compact))
            {
                json.WriteStartObject();
                json.WriteNumber("line", l.Line);
                WriteOrNull(json, "record", l.Record);
                if (l.Version is { } v)
                {
                    json.WriteNumber("version", v);
                }
                else
                {
                    json.WriteNull("version");
                }

                json.WriteString("type", l.Type);
                json.WriteString("field", l.Field);
                json.WriteString("message", l.Message);
                json.WriteEndObject();
            }

            text.Append(Encoding.UTF8.GetString(buffer.ToArray())).Append('\n');
        }

        return text.ToString();
    }

    private static void WriteOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static string Cell(string? value)
    {
        if (value is null)
        {
            return string.Empty;
        }

        var guarded = value.Length > 0 && value[0] is '=' or '+' or '@' or '\t' or '\r' ? "'" + value : value;
        return "\"" + guarded.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
