using Credence.Core.Intake;
using Credence.Registry.Intake;

namespace Credence.Registry.Tests;

/// <summary>A rejected line's text is kept so that every store can hold it and no download carries control sequences.</summary>
public sealed class IntakeBatchPartTests
{
    [Theory]
    [InlineData("court/\0id", "court/\\u0000id")]
    [InlineData("court/a\u001b[31mred", "court/a\\u001B[31mred")]
    [InlineData("court/\u0085next\u2028line", "court/\\u0085next\u2028line")]
    [InlineData("court/法院😀ok", "court/法院😀ok")]
    [InlineData("court/plain", "court/plain")]
    public void A_rejected_lines_record_and_message_keep_no_control_character_or_lone_surrogate(string record, string kept)
    {
        var fate = new RecordFate(3, FateKind.Rejected, record, 1, new IntakeProblem("control-character", "sourceRecordId", $"'{record}' has a control character"));
        var part = IntakeBatchPart.Of("b1", "court", [fate, new RecordFate(4, FateKind.Accepted, "court/x", 1, null)]);
        var line = Assert.Single(part.RejectedLines);
        Assert.Equal(kept, line.Record);
        Assert.Equal($"'{kept}' has a control character", line.Message);
        Assert.Equal(3, line.Line);
        Assert.Equal((2, 1, 1), (part.Lines, part.Accepted, part.Rejected));
    }

    [Theory]
    [InlineData(0xD800, "court/\\uD800lone")]
    [InlineData(0xDBFF, "court/\\uDBFFlone")]
    [InlineData(0xDC00, "court/\\uDC00lone")]
    public void A_lone_surrogate_is_written_as_its_code(int unit, string kept)
    {
        // Made here: a lone surrogate does not survive the test framework's serialisation of case data.
        var record = "court/" + (char)unit + "lone";
        var part = IntakeBatchPart.Of("b1", "court", [new RecordFate(1, FateKind.Rejected, record, 1, new IntakeProblem("bad-value", "sourceRecordId", record))]);
        var line = Assert.Single(part.RejectedLines);
        Assert.Equal(kept, line.Record);
        Assert.Equal(kept, line.Message);
    }

    [Fact]
    public void A_rejected_line_without_a_record_or_problem_is_kept_as_rejected()
    {
        var part = IntakeBatchPart.Of("b1", "court", [new RecordFate(1, FateKind.Rejected, null, null, null)]);
        var line = Assert.Single(part.RejectedLines);
        Assert.Null(line.Record);
        Assert.Equal("rejected", line.Message);
    }
}
