using System.Globalization;
using YamlDotNet.Core;

namespace Credence.Core.Policies.Loading;

/// <summary>
/// The characters a policy text may hold: YAML's printable set (tab, line breaks, and everything
/// printable from U+0020 up) less what only hides or smuggles content. Refused: NUL (YAML readers
/// stop at it, so whatever follows would be stored but never read), the other C0 controls, DEL, the
/// C1 controls (NEL included), unpaired surrogates, the noncharacters U+FFFE and U+FFFF, and a
/// byte order mark anywhere but the very start.
/// </summary>
internal static class YamlCharacters
{
    /// <summary>The first disallowed character, with where it is and why, or null.</summary>
    public static (Mark Mark, string Message)? FindDisallowed(string text)
    {
        var (line, column) = (1, 1);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            string? why = c switch
            {
                '\t' or '\n' or '\r' => null,
                < ' ' or '\u007f' => "a control character",
                >= '\u0080' and <= '\u009f' => "a control character",
                '\ufeff' when i > 0 => "a byte order mark inside the text",
                '\ufffe' or '\uffff' => "not a character",
                _ when char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) => Skip(ref i),
                _ when char.IsSurrogate(c) => "half of a surrogate pair",
                _ => null,
            };
            if (why is not null)
            {
                var code = ((int)c).ToString("X4", CultureInfo.InvariantCulture);
                return (new Mark(i, line, column), $"the character U+{code} ({why}) may not appear in a policy");
            }

            if (c == '\n' || (c == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')))
            {
                (line, column) = (line + 1, 1);
            }
            else
            {
                column++;
            }
        }

        return null;
    }

    private static string? Skip(ref int i)
    {
        i++;
        return null;
    }
}
