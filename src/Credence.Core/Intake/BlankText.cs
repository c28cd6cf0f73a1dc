using System.Globalization;
using System.Text;

namespace Credence.Core.Intake;

/// <summary>
/// Whether a person's text (a reason, grounds) says anything at all: text made only of characters
/// that show nothing is blank, however long. <see cref="string.IsNullOrWhiteSpace(string)"/> is not
/// enough: it lets through zero-width spaces and joiners, the byte order mark, bidirectional marks,
/// lone combining marks, variation selectors and the blank-looking fillers (Hangul fillers, the
/// braille blank), any of which reads as an empty reason on every screen.
/// </summary>
public static class BlankText
{
    /// <summary>True when <paramref name="text"/> is null or holds no character that shows.</summary>
    public static bool IsBlank(string? text)
    {
        if (text is null)
        {
            return true;
        }

        foreach (var rune in text.EnumerateRunes())
        {
            if (Shows(rune))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Shows(Rune rune)
    {
        if (Rune.IsWhiteSpace(rune) || rune.Value is 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800)
        {
            return false;
        }

        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned => false,
            _ => true,
        };
    }
}
