using System.Globalization;
using System.Text;
using Credence.Core.Intake;

namespace Credence.Registry.Intake;

/// <summary>
/// Reads a CSV upload (RFC 4180: comma-separated, double-quoted fields with doubled quotes inside,
/// line breaks allowed in quoted fields) whose header row names <see cref="RecordLine"/> fields in
/// any order: <c>subject,type,area,occurred,sourceRecordId,legalBasis,...</c>. Empty cells are absent
/// values. A bad header refuses the whole upload; a bad row is that row's problem only.
/// </summary>
public static class CsvRecordLines
{
    private static readonly string[] Fields =
        ["subject", "type", "area", "occurred", "reported", "source", "sourceRecordId", "legalBasis", "quantity", "version", "action", "note"];

    /// <summary>The rows as numbered lines (numbered by the physical line they start on), or null with the header's problem.</summary>
    public static List<NumberedLine>? Parse(string body, out IntakeProblem? problem)
    {
        ArgumentNullException.ThrowIfNull(body);
        problem = null;
        var rows = Rows(body);
        if (rows.Count == 0 || rows[0].Cells is not { } header)
        {
            problem = new IntakeProblem("malformed-csv", string.Empty, rows.Count == 0 ? "the CSV upload is empty; it needs a header row naming the record fields" : rows[0].Problem!);
            return null;
        }

        var columns = new int[header.Count];
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim();
            columns[i] = Array.FindIndex(Fields, f => f.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (columns[i] < 0)
            {
                problem = new IntakeProblem("malformed-csv", name, $"header column {i + 1} '{name}' is not a record field; the fields are {string.Join(", ", Fields)}");
                return null;
            }

            if (Array.IndexOf(columns, columns[i], 0, i) >= 0)
            {
                problem = new IntakeProblem("malformed-csv", name, $"header column '{name}' appears twice");
                return null;
            }
        }

        var lines = new List<NumberedLine>();
        foreach (var row in rows.Skip(1))
        {
            if (row.Cells is null)
            {
                lines.Add(new NumberedLine(row.Line, null, new IntakeProblem("malformed-csv", string.Empty, row.Problem!)));
            }
            else if (row.Cells.Count == 1 && row.Cells[0].Length == 0)
            {
                continue;
            }
            else if (row.Cells.Count != header.Count)
            {
                lines.Add(new NumberedLine(row.Line, null, new IntakeProblem("malformed-csv", string.Empty, $"row has {row.Cells.Count} fields; the header has {header.Count}")));
            }
            else
            {
                lines.Add(ToLine(row.Line, row.Cells, columns));
            }
        }

        return lines;
    }

    private static NumberedLine ToLine(int number, List<string> cells, int[] columns)
    {
        var values = new string?[Fields.Length];
        for (var i = 0; i < cells.Count; i++)
        {
            values[columns[i]] = cells[i].Length == 0 ? null : cells[i];
        }

        decimal? quantity = null;
        if (values[8] is { } q)
        {
            if (!decimal.TryParse(q, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed))
            {
                return new NumberedLine(number, null, new IntakeProblem("bad-value", "quantity", $"quantity '{q}' is not a number"));
            }

            quantity = parsed;
        }

        int? version = null;
        if (values[9] is { } v)
        {
            if (!int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return new NumberedLine(number, null, new IntakeProblem("bad-value", "version", $"version '{v}' is not a whole number"));
            }

            version = parsed;
        }

        return new NumberedLine(number, new RecordLine(values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7], quantity, version, values[10], values[11]), null);
    }

    /// <summary>Splits the body into rows of cells; a row that cannot be read carries its problem instead.</summary>
    private static List<(int Line, List<string>? Cells, string? Problem)> Rows(string body)
    {
        var rows = new List<(int, List<string>?, string?)>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        var (line, start, i) = (1, 1, 0);
        var (quoted, any) = (false, false);

        void EndRow(string? problem)
        {
            if (problem is null)
            {
                cells.Add(cell.ToString());
            }

            rows.Add((start, problem is null ? cells : null, problem));
            cells = [];
            cell.Clear();
            (quoted, any) = (false, false);
        }

        void Reject(string problem)
        {
            EndRow(problem);
            while (i < body.Length && body[i] != '\n')
            {
                i++;
            }

            i++;
            line++;
            start = line;
        }

        while (i < body.Length)
        {
            var c = body[i];
            if (quoted && c == '"' && i + 1 < body.Length && body[i + 1] == '"')
            {
                cell.Append('"');
                i += 2;
            }
            else if (quoted && c == '"')
            {
                quoted = false;
                i++;
                if (i < body.Length && body[i] is not (',' or '\n' or '\r'))
                {
                    Reject("a quoted field is followed by text before the next comma");
                }
            }
            else if (quoted)
            {
                line += c == '\n' ? 1 : 0;
                cell.Append(c);
                i++;
            }
            else if (c == '"' && cell.Length == 0)
            {
                (quoted, any) = (true, true);
                i++;
            }
            else if (c == '"')
            {
                Reject("a quote appears inside an unquoted field");
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
                any = true;
                i++;
            }
            else if (c == '\n')
            {
                if (cell.Length > 0 && cell[^1] == '\r')
                {
                    cell.Length--;
                }

                EndRow(null);
                i++;
                line++;
                start = line;
            }
            else
            {
                cell.Append(c);
                any = true;
                i++;
            }
        }

        if (quoted)
        {
            EndRow("a quoted field is not closed before the end of the upload");
        }
        else if (any || cell.Length > 0)
        {
            EndRow(null);
        }

        return rows;
    }
}
