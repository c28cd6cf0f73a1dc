using Credence.Core.Intake;
using static Credence.Core.Tests.Identifiers.TestIdentifiers;

namespace Credence.Core.Tests.Intake;

/// <summary>
/// Record lines a careless or hostile source could send: instants before the subject existed,
/// and control or invisible characters in each field. Each is refused with a stable type naming
/// the field; the honest neighbours of each case are accepted.
/// </summary>
public class RecordLineHostileTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Born 2000-03-15.</summary>
    private static readonly string Young = WithPersonCheck("11010520000315123");

    private static RecordLine Line(string subject, string occurred = "2025-01-01T00:00:00Z", string? reported = null) =>
        new(subject, "late-utility-fees", "social", occurred, reported, "water", "w-1", "(2024)京0105民初1号", 12.5m, null, null, "a note");

    private static IntakeProblem? Refusal(RecordLine line)
    {
        var record = RecordLineParser.ToRecord(line, Now, out var problem);
        Assert.True(record is null == problem is not null);
        return problem;
    }

    [Theory]
    [InlineData("2000-03-14T23:59:59Z")]
    [InlineData("2000-03-15T07:59:59+08:00")] // the day before in UTC
    [InlineData("1999-01-01T00:00:00Z")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("1000-06-01T00:00:00+14:00")]
    public void A_person_cannot_have_done_anything_before_birth(string occurred)
    {
        var p = Refusal(Line(Young, occurred, "2025-01-01T00:00:00Z"))!;
        Assert.Equal(("before-subject-existed", "occurred"), (p.Type, p.Field));
        Assert.Contains("2000-03-15", p.Message, StringComparison.Ordinal);
        Assert.Contains("birth", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_person_may_be_reported_from_the_first_instant_of_the_birthday()
    {
        Assert.Null(Refusal(Line(Young, "2000-03-15T00:00:00Z")));
        Assert.Null(Refusal(Line(Young, "2000-03-15T08:00:00+08:00")));
    }

    [Fact]
    public void A_report_dated_before_birth_is_refused_too()
    {
        // Offline (no registry clock) the line's own reported instant counts; occurred after reported is its own error.
        var p = Refusal(Line(Young, "1990-01-01T00:00:00Z", "1999-12-31T00:00:00Z"))!;
        Assert.Equal("before-subject-existed", p.Type);
        var stamped = RecordLineParser.ToRecord(Line(Young, "1999-01-01T00:00:00Z"), Now, out var q, source: "water", reportedAt: Now);
        Assert.Null(stamped);
        Assert.Equal(("before-subject-existed", "occurred"), (q!.Type, q.Field));
    }

    [Theory]
    [InlineData("1949-09-30T23:59:59Z")]
    [InlineData("1949-10-01T07:59:59+08:00")]
    [InlineData("1900-01-01T00:00:00Z")]
    [InlineData("0001-01-01T00:00:00Z")]
    public void An_organisation_record_before_1949_10_01_is_refused(string occurred)
    {
        var p = Refusal(Line(Enterprise, occurred, "2025-01-01T00:00:00Z"))!;
        Assert.Equal(("before-subject-existed", "occurred"), (p.Type, p.Field));
        Assert.Contains("1949-10-01", p.Message, StringComparison.Ordinal);
        Assert.Null(Refusal(Line(Enterprise, "1949-10-01T00:00:00Z", "2025-01-01T00:00:00Z")));
    }

    [Theory]
    [InlineData("0000-12-31T23:59:59Z")]
    [InlineData("0001-01-01T00:00:00+08:00")] // before DateTimeOffset.MinValue in UTC
    [InlineData("9999-12-31T23:59:59-08:00")] // after DateTimeOffset.MaxValue in UTC
    [InlineData("99999-01-01T00:00:00Z")]
    [InlineData("\u0662\u0660\u0662\u0665-01-01T00:00:00Z")] // Arabic-Indic digits
    [InlineData("\uff12\uff10\uff12\uff15-01-01T00:00:00Z")] // full-width digits
    [InlineData("2025-01-01T00:00:00+99:00")]
    public void Instants_out_of_range_or_in_other_digits_are_bad_instants(string occurred)
    {
        var p = Refusal(Line(Young, occurred))!;
        Assert.Equal(("bad-instant", "occurred"), (p.Type, p.Field));
    }

    private static readonly (string What, string C)[] ControlCharacters =
    [
        ("NUL", "\0"),
        ("SOH", "\u0001"),
        ("BEL", "\u0007"),
        ("backspace", "\b"),
        ("ESC", "\u001b[2J"),
        ("DEL", "\u007f"),
        ("C1 PAD", "\u0080"),
        ("C1 NEL", "\u0085"),
        ("C1 CSI", "\u009b"),
        ("line feed", "\n"),
        ("carriage return", "\r"),
        ("tab", "\t"),
    ];

    private static readonly string[] Fields = ["subject", "type", "area", "occurred", "reported", "source", "sourceRecordId", "legalBasis", "action"];

    private static RecordLine With(RecordLine line, string field, Func<string?, string> change) => field switch
    {
        "subject" => line with { Subject = change(line.Subject) },
        "type" => line with { Type = change(line.Type) },
        "area" => line with { Area = change(line.Area) },
        "occurred" => line with { Occurred = change(line.Occurred) },
        "reported" => line with { Reported = change(line.Reported ?? "2025-02-01T00:00:00Z") },
        "source" => line with { Source = change(line.Source) },
        "sourceRecordId" => line with { SourceRecordId = change(line.SourceRecordId) },
        "legalBasis" => line with { LegalBasis = change(line.LegalBasis) },
        "action" => line with { Action = change("submitted") },
        "note" => line with { Note = change(line.Note) },
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    [Fact]
    public void Every_control_character_is_refused_in_every_field_at_every_place()
    {
        var fields = Fields.Append("note");
        foreach (var field in fields)
        {
            foreach (var (what, c) in ControlCharacters)
            {
                if (field == "note" && c is "\n" or "\r" or "\t")
                {
                    continue;
                }

                foreach (var place in new Func<string?, string>[] { v => c + v, v => v + c, v => v![..1] + c + v[1..], _ => c })
                {
                    var p = Refusal(With(Line(Young), field, place));
                    Assert.True(p is { Type: "control-character" } && p.Field == field, $"{what} in {field}: {p}");
                }
            }
        }
    }

    [Fact]
    public void Every_c0_and_c1_control_and_del_is_refused()
    {
        for (var c = '\0'; c <= '\u009f'; c++)
        {
            if (c is >= ' ' and < '\u007f')
            {
                continue;
            }

            var p = Refusal(Line(Young) with { SourceRecordId = $"w-{c}-1" });
            Assert.True(p is { Type: "control-character", Field: "sourceRecordId" }, $"U+{(int)c:X4}: {p}");
        }
    }

    public static TheoryData<string, string> Invisibles => new()
    {
        { "zero-width space", "\u200b" },
        { "zero-width non-joiner", "\u200c" },
        { "zero-width joiner", "\u200d" },
        { "left-to-right mark", "\u200e" },
        { "right-to-left mark", "\u200f" },
        { "right-to-left override", "\u202e" },
        { "left-to-right embedding", "\u202a" },
        { "pop directional formatting", "\u202c" },
        { "right-to-left isolate", "\u2067" },
        { "pop directional isolate", "\u2069" },
        { "word joiner", "\u2060" },
        { "invisible separator", "\u2063" },
        { "byte order mark", "\ufeff" },
        { "soft hyphen", "\u00ad" },
        { "Arabic letter mark", "\u061c" },
        { "Mongolian vowel separator", "\u180e" },
        { "line separator", "\u2028" },
        { "paragraph separator", "\u2029" },
        { "interlinear annotation", "\ufff9" },
        { "tag latin a", "\U000E0061" },
        { "noncharacter", "\ufdd0" },
        { "noncharacter FFFE", "\ufffe" },
        { "plane-1 noncharacter", "\U0001FFFF" },
    };

    [Theory]
    [MemberData(nameof(Invisibles))]
    public void Invisible_or_reordering_characters_are_refused_in_identifier_fields(string what, string c)
    {
        foreach (var field in Fields)
        {
            var p = Refusal(With(Line(Young), field, v => v![..1] + c + v[1..]));
            Assert.True(p is { Type: "invisible-character" } && p.Field == field, $"{what} in {field}: {p}");
        }
    }

    [Theory]
    [InlineData('\ud800')]
    [InlineData('\udfff')]
    public void Unpaired_surrogates_are_refused(char half)
    {
        var p = Refusal(Line(Young) with { SourceRecordId = $"w{half}1" })!;
        Assert.Equal(("invisible-character", "sourceRecordId"), (p.Type, p.Field));
    }

    [Theory]
    [InlineData("\u202e")]
    [InlineData("\u202d")]
    [InlineData("\u2066")]
    [InlineData("\u2068")]
    public void Bidirectional_overrides_and_isolates_are_refused_in_the_note(string c)
    {
        var p = Refusal(Line(Young) with { Note = $"paid {c}001 ,yenom" })!;
        Assert.Equal(("invisible-character", "note"), (p.Type, p.Field));
    }

    [Theory]
    [InlineData("Paid in full.\nSecond line.\tTabbed.\r\n")]
    [InlineData("نُشر \u200f(٢٠٢٥)")] // Arabic with a right-to-left mark and Arabic-Indic digits
    [InlineData("خوش\u200cآمدید")] // Persian needs the zero-width non-joiner
    [InlineData("👩\u200d⚖️ judge's note")] // an emoji sequence joined by ZWJ
    [InlineData("已履行 (2024)京0105执1234号")]
    public void A_note_in_any_script_is_accepted(string note) => Assert.Null(Refusal(Line(Young) with { Note = note }));

    [Theory]
    [InlineData("(2024)京0105民初1号")]
    [InlineData("Case No. 24-cv-0012 (S.D.N.Y.)")]
    [InlineData("（2024）沪01执恢123号")]
    public void Legal_bases_in_any_script_are_accepted(string basis) => Assert.Null(Refusal(Line(Young) with { LegalBasis = basis }));

    [Fact]
    public void A_field_of_only_an_invisible_character_is_not_taken_for_a_value()
    {
        var p = Refusal(Line(Young) with { SourceRecordId = "\u200b" })!;
        Assert.Equal(("invisible-character", "sourceRecordId"), (p.Type, p.Field));
    }

    [Fact]
    public void Json_escapes_reach_the_same_checks()
    {
        var line = RecordLineParser.ParseJson($$"""{"subject":"{{Young}}","type":"late-utility-fees","area":"social","occurred":"2025-01-01T00:00:00Z","source":"water","sourceRecordId":"w\u0000-1","legalBasis":"x"}""", out var parseProblem);
        Assert.Null(parseProblem);
        var p = Refusal(line!)!;
        Assert.Equal(("control-character", "sourceRecordId"), (p.Type, p.Field));
    }
}
