using System.Text;

namespace Credence.Registry.Public;

/// <summary>
/// The form an organisation's name is searched in: full-width Latin letters, digits and punctuation and
/// the ideographic space as their ASCII forms (what a Chinese input method types), lower case, runs of
/// spaces as one, trimmed. "ＡＢＣ　Foods", "abc foods" and " ABC  FOODS " are one search.
/// </summary>
public static class NameFolding
{
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        foreach (var c0 in text)
        {
            var c = c0 switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(c0 - 0xFEE0),
                '\u3000' => ' ',
                _ => c0,
            };
            if (char.IsWhiteSpace(c))
            {
                if (sb.Length > 0 && sb[^1] != ' ')
                {
                    sb.Append(' ');
                }

                continue;
            }

            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString().TrimEnd();
    }

    /// <summary>The query as the start of a Unified Social Credit Code (upper-case letters and digits, no spaces), or empty when it cannot be one.</summary>
    public static string CodePrefix(string text)
    {
        var folded = Fold(text).Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        return folded.Length is >= 1 and <= 18 && folded.All(char.IsAsciiLetterOrDigit) ? folded : string.Empty;
    }
}
