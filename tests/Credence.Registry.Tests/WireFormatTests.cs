using Credence.Registry.Intake;

namespace Credence.Registry.Tests;

public class WireFormatTests
{
    [Fact]
    public void Ndjson_lines_are_numbered_blank_lines_skipped_and_bad_lines_kept_with_their_problem()
    {
        var lines = NdjsonRecordLines.Parse("{\"subject\":\"a\"}\r\n\n{oops\n  \n{\"type\":\"t\"}");
        Assert.Equal([1, 3, 5], lines.Select(l => l.Number));
        Assert.Equal("a", lines[0].Line!.Subject);
        Assert.Equal("malformed-json", lines[1].Problem!.Type);
        Assert.Equal("t", lines[2].Line!.Type);
    }

    [Fact]
    public void Csv_rows_map_header_fields_in_any_order_with_quotes_and_line_breaks()
    {
        var csv = "Type,subject,quantity,note,version\r\n" +
                  "late-utility-fees,11010519491231002X,640.5,\"paid, \"\"late\"\"\nby a week\",2\r\n" +
                  "\n" +
                  "volunteering,440524188001010014,,,\n";
        var lines = CsvRecordLines.Parse(csv, out var problem)!;
        Assert.Null(problem);
        Assert.Equal([2, 5], lines.Select(l => l.Number));
        var first = lines[0].Line!;
        Assert.Equal(("late-utility-fees", "11010519491231002X", 640.5m, "paid, \"late\"\nby a week", 2), (first.Type, first.Subject, first.Quantity!.Value, first.Note!, first.Version!.Value));
        Assert.Null(lines[1].Line!.Quantity);
        Assert.Null(lines[1].Line!.Note);
    }

    [Theory]
    [InlineData("")]
    [InlineData("subject,colour\n1,2\n")]
    [InlineData("subject,subject\n")]
    [InlineData("\"subject\nx")]
    public void A_bad_header_refuses_the_upload(string csv)
    {
        Assert.Null(CsvRecordLines.Parse(csv, out var problem));
        Assert.Equal("malformed-csv", problem!.Type);
    }

    [Fact]
    public void Bad_rows_are_rejected_one_by_one()
    {
        var csv = "subject,quantity,version\n" +
                  "a,1\n" +
                  "a,lots,1\n" +
                  "a,1,one\n" +
                  "a\"b,1,1\n" +
                  "\"a\"b,1,1\n" +
                  "a,1,1\n" +
                  "\"never closed,1,1\n";
        var lines = CsvRecordLines.Parse(csv, out _)!;
        Assert.Equal(["malformed-csv", "bad-value", "bad-value", "malformed-csv", "malformed-csv", null, "malformed-csv"], lines.Select(l => l.Problem?.Type));
        Assert.Equal([2, 3, 4, 5, 6, 7, 8], lines.Select(l => l.Number));
    }
}
