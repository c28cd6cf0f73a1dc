using System.Globalization;
using System.Text;

namespace Credence.Core.Intake;

/// <summary>
/// What characters a record's fields may hold. Every field is refused for a control character
/// (<c>control-character</c>): NUL, the other C0 controls, DEL and the C1 controls, which truncate
/// text in C tools, rewrite terminals and split log lines. Identifier fields (everything but the
/// note) are also refused for a character that is invisible or reorders what is shown
/// (<c>invisible-character</c>): format characters (zero-width spaces and joiners, bidirectional
/// marks, overrides and isolates, the byte order mark, soft hyphens, tags), line and paragraph
/// separators, unpaired surrogates and noncharacters, since two ids that look the same must be the
/// same id. The note is free text: it may hold tabs and line breaks, and the joiners and marks that
/// some scripts need, but never a bidirectional override or isolate, which make text read
/// differently from how it is stored.
/// </summary>
public static class FieldText
{
    /// <summary>The problem with <paramref name="value"/> of <paramref name="field"/>, or null when it may be stored.</summary>
    public static IntakeProblem? Check(string field, string? value, bool freeText = false)
    {
        if (value is null)
        {
            return null;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            int code = c;
            UnicodeCategory category;
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                code = char.ConvertToUtf32(c, value[i + 1]);
                category = Rune.GetUnicodeCategory(new Rune(code));
                i++;
            }
            else
            {
                category = char.IsSurrogate(c) ? UnicodeCategory.Surrogate : char.GetUnicodeCategory(c);
            }

            if (category == UnicodeCategory.Control && !(freeText && c is '\t' or '\n' or '\r'))
            {
                return new IntakeProblem("control-character", field, $"{field} holds the control character {Name(code)} at position {i + 1}; no field may hold NUL, C0 or C1 controls or DEL");
            }

            var invisible = freeText
                ? code is >= 0x202A and <= 0x202E or >= 0x2066 and <= 0x2069
                : category is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate
                    || (code & 0xFFFE) == 0xFFFE || code is >= 0xFDD0 and <= 0xFDEF;
            if (invisible)
            {
                return new IntakeProblem("invisible-character", field, freeText
                    ? $"{field} holds the bidirectional control {Name(code)} at position {i + 1}, which makes text read differently from how it is stored"
                    : $"{field} holds {Name(code)} at position {i + 1}, a character that is invisible or reorders text; identifiers and references must read as they are stored");
            }
        }

        return null;
    }

    private static string Name(int code) => $"U+{code.ToString("X4", CultureInfo.InvariantCulture)}";
}
