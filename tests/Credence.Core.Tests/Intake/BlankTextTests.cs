using Credence.Core.Intake;
using FsCheck;
using FsCheck.Xunit;

namespace Credence.Core.Tests.Intake;

/// <summary>A reason that shows nothing is blank, however it is made; one visible character makes it a reason.</summary>
public class BlankTextTests
{
    // Every character here shows nothing on its own: white space of every kind, zero-width and format
    // characters, the byte order mark, bidirectional marks, fillers, lone combining marks, selectors, tags.
    private static readonly string[] Invisible =
    [
        " ", "\t", "\r", "\n", "\u00A0", "\u3000", "\u2002", "\u2003", "\u2007", "\u2009", "\u200A", "\u202F", "\u205F", "\u1680",
        "\u200B", "\u200C", "\u200D", "\u2060", "\u2061", "\u2064", "\uFEFF", "\u00AD", "\u180E", "\u061C", "\u200E", "\u200F",
        "\u202A", "\u202E", "\u2066", "\u2069", "\u2028", "\u2029", "\u0085", "\u0000", "\u001F", "\u007F",
        "\u034F", "\u0301", "\u0308", "\u20DD", "\uFE00", "\uFE0F", "\U000E0100", "\U000E0020", "\U000E007F",
        "\u115F", "\u1160", "\u3164", "\uFFA0", "\u2800",
    ];

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("\u200B\u200B\u200B")]
    [InlineData("\uFEFF")]
    [InlineData("\u00A0\u3000 \t\r\n")]
    [InlineData("\u200D\u200C\u2060\uFEFF\u00AD")]
    [InlineData("\u3164\u3164")]
    [InlineData("\u2800")]
    public void Text_made_only_of_characters_that_show_nothing_is_blank(string? text) => Assert.True(BlankText.IsBlank(text));

    [Theory]
    [InlineData("不是我")]
    [InlineData("\u200B不\u200B")]
    [InlineData("x")]
    [InlineData("\u3000。")]
    [InlineData("👨‍👩‍👧")]
    [InlineData("e\u0301")]
    [InlineData("-")]
    [InlineData("\uE000")]
    public void Text_with_one_character_that_shows_is_not_blank(string text) => Assert.False(BlankText.IsBlank(text));

    [Property(MaxTest = 300)]
    public bool Any_mix_of_invisible_characters_is_blank_and_stays_blank_until_a_visible_one_is_added(NonEmptyArray<byte> picks, char visible)
    {
        var blank = string.Concat(picks.Get.Select(b => Invisible[b % Invisible.Length]));
        var shows = char.IsLetterOrDigit(visible) || char.IsPunctuation(visible) || char.IsSymbol(visible);
        var mixed = blank.Insert(blank.Length / 2, visible.ToString());
        return BlankText.IsBlank(blank) && (!shows || !BlankText.IsBlank(mixed));
    }

    [Fact]
    public void Each_invisible_character_repeated_is_blank()
    {
        foreach (var blank in Invisible.Select(c => c + c + c))
        {
            Assert.True(BlankText.IsBlank(blank), $"U+{char.ConvertToUtf32(blank, 0):X4}");
        }
    }
}
