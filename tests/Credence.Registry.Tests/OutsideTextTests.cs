using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Credence.Registry.Tests;

/// <summary>
/// The rule for text from outside: every control refused everywhere (tabs and line breaks allowed in
/// free text only), invisible and reordering characters refused in identifiers, bidirectional
/// controls in free text too, lengths bounded in Unicode characters, each problem naming its field.
/// </summary>
public class OutsideTextTests
{
    public static TheoryData<int> C0AndC1 => [.. Enumerable.Range(0, 0x20).Append(0x7F).Concat(Enumerable.Range(0x80, 0x20))];

    [Theory]
    [MemberData(nameof(C0AndC1))]
    public void Every_C0_C1_and_DEL_is_a_control_character_in_an_identifier_and_a_purpose_and_all_but_tab_and_line_breaks_in_free_text(int code)
    {
        var value = "ab" + (char)code + "cd";
        Assert.Equal(("control-character", "sourceRecordId"), Of(OutsideText.Identifier("sourceRecordId", value)));
        Assert.Equal(("control-character", "purpose"), Of(OutsideText.Short("purpose", value)));
        var free = OutsideText.Free("reason", value);
        if (code is '\t' or '\n' or '\r')
        {
            Assert.Null(free);
        }
        else
        {
            Assert.Equal(("control-character", "reason"), Of(free));
            Assert.Contains($"U+{code:X4} at position 3", free!.Detail, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("\u202a")]
    [InlineData("\u202b")]
    [InlineData("\u202c")]
    [InlineData("\u202d")]
    [InlineData("\u202e")]
    [InlineData("\u2066")]
    [InlineData("\u2067")]
    [InlineData("\u2068")]
    [InlineData("\u2069")]
    public void Bidirectional_controls_are_refused_in_free_text_and_identifiers(string c)
    {
        Assert.Equal(("invisible-character", "grounds"), Of(OutsideText.Free("grounds", "paid" + c + "exe.pdf")));
        Assert.Equal(("invisible-character", "name"), Of(OutsideText.Identifier("name", "court" + c)));
    }

    [Theory]
    [InlineData("\u200b")]
    [InlineData("\u200c")]
    [InlineData("\u200d")]
    [InlineData("\u200e")]
    [InlineData("\u2060")]
    [InlineData("\ufeff")]
    [InlineData("\u00ad")]
    [InlineData("\u061c")]
    [InlineData("\u2028")]
    [InlineData("\u2029")]
    [InlineData("\ufffe")]
    [InlineData("\ufdd0")]
    [InlineData("\U0001fffe")]
    [InlineData("\U000e0041")]
    public void Invisible_characters_are_refused_in_identifiers_and_purposes(string c)
    {
        Assert.Equal(("invisible-character", "measure"), Of(OutsideText.Identifier("measure", "air" + c + ".ticket")));
        Assert.Equal(("invisible-character", "purpose"), Of(OutsideText.Short("purpose", c + "tenancy")));
    }

    [Fact]
    public void Lone_surrogates_are_refused_in_identifiers()
    {
        // Implementation note: not theory data, which xunit would carry as U+FFFD.
        foreach (var c in new[] { '\ud800', '\udbff', '\udc00', '\udfff' })
        {
            Assert.Equal(("invisible-character", "sourceRecordId"), Of(OutsideText.Identifier("sourceRecordId", "W" + c + "1")));
            Assert.Equal(("invisible-character", "sourceRecordId"), Of(OutsideText.Identifier("sourceRecordId", "W-1" + c)));
        }
    }

    [Fact]
    public void Lengths_are_counted_in_unicode_characters_whatever_their_encoded_size()
    {
        Assert.Null(OutsideText.Free("reason", new string('长', 4_000)));
        Assert.Null(OutsideText.Free("reason", string.Concat(Enumerable.Repeat("📄", 4_000))));
        Assert.Equal(("bad-value", "reason"), Of(OutsideText.Free("reason", new string('长', 4_001))));
        Assert.Equal(("bad-value", "evidence"), Of(OutsideText.Free("evidence", string.Concat(Enumerable.Repeat("📄", 4_001)))));
        Assert.Null(OutsideText.Short("purpose", string.Concat(Enumerable.Repeat("🏠", 200))));
        Assert.Equal(("bad-value", "purpose"), Of(OutsideText.Short("purpose", new string('x', 201))));
        Assert.Equal(("bad-value", "subject"), Of(OutsideText.Identifier("subject", new string('1', 201))));
        Assert.Contains("4,001 characters long; at most 4,000", OutsideText.Free("reason", new string('x', 4_001))!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Scripts_emoji_and_their_joiners_are_accepted_where_they_belong()
    {
        Assert.Null(OutsideText.Free("reason", "我从未参与此案。\r\n第二段:\t家人 👨‍👩‍👧 مرحبا\u200c کتاب"));
        Assert.Null(OutsideText.Short("purpose", "租房押金 🏠 deposits"));
        Assert.Null(OutsideText.Identifier("sourceRecordId", "(2026)粤03执12号"));
        Assert.Null(OutsideText.Identifier("source", null));
    }

    [Property(MaxTest = 300)]
    public Property A_text_without_controls_formats_or_separators_is_accepted_as_free_text_and_identifier(NonNull<string> text)
    {
        var clean = string.Concat(text.Get.EnumerateRunes()
            .Where(r => Rune.GetUnicodeCategory(r) is not (System.Globalization.UnicodeCategory.Control or System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator or System.Globalization.UnicodeCategory.Surrogate or System.Globalization.UnicodeCategory.OtherNotAssigned))
            .Select(r => r.ToString()));
        clean = clean[..Math.Min(clean.Length, 100)];
        return (OutsideText.Free("reason", clean) is null && OutsideText.Identifier("id", clean) is null).Label(clean);
    }

    private static (string Type, string? Field) Of(RegistryProblem? problem)
    {
        Assert.NotNull(problem);
        return (problem.Type, problem.Field);
    }
}
