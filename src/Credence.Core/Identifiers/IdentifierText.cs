namespace Credence.Core.Identifiers;

/// <summary>Small helpers the schemes share to write their one-line reasons.</summary>
internal static class IdentifierText
{
    /// <summary>Quotes a printable ASCII character; names any other character by its code point.</summary>
    /// <remarks>
    /// Implementation note: reasons end up in logs and terminals, so a stray tab, zero-width space or
    /// full-width digit is shown as U+XXXX rather than printed invisibly or confusingly.
    /// </remarks>
    public static string Describe(char c) => c is >= '!' and <= '~' ? $"'{c}'" : $"U+{(int)c:X4}";

    /// <summary>The upper-case form of an ASCII letter; any other character unchanged.</summary>
    public static char ToUpperAscii(char c) => c is >= 'a' and <= 'z' ? (char)(c - ('a' - 'A')) : c;

    /// <summary>
    /// The text with its ASCII letters in upper case, reusing <paramref name="text"/> when it already is.
    /// </summary>
    public static string ToUpperAscii(string text)
    {
        int first = -1;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] is >= 'a' and <= 'z')
            {
                first = i;
                break;
            }
        }

        if (first < 0)
        {
            return text;
        }

        return string.Create(text.Length, text, static (span, source) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = ToUpperAscii(source[i]);
            }
        });
    }
}
