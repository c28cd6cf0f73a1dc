using System.Text;
using System.Text.RegularExpressions;

namespace Credence.Core.Policies.Validation;

/// <summary>
/// Finds curated terms in ids, names and descriptions. Text is normalised first: folded by
/// <see cref="TextFolding"/> (full-width and other compatibility forms, accents, invisible
/// characters, look-alike letters, traditional characters, camelCase), lower case, possessives
/// and apostrophes dropped (so "employer's" reads "employer" and "parents'" reads "parents"),
/// and every other character that is not a letter or digit turned into a space (so the ids
/// <c>church-attendance</c> and <c>church_attendance</c> read "church attendance"); separators
/// between Chinese characters are dropped ("子 女" reads "子女").
/// Allowed phrases are blanked out before terms are looked for, so a legitimate phrase
/// ("workplace health and safety") never matches a term inside it ("health").
/// </summary>
/// <remarks>
/// Implementation note: English terms are whole words (or explicit stems such as <c>religio[a-z]*</c>),
/// never bare substrings, because substrings produce false positives ("race" in "trace"). Chinese
/// has no word boundaries, so Chinese terms are substrings, chosen long enough to be unambiguous.
/// </remarks>
internal sealed class TermMatcher
{
    private readonly (TermCategory Category, Regex? English)[] _categories;
    private readonly Regex? _allowedEnglish;
    private readonly string[] _allowedChinese;

    public TermMatcher(IEnumerable<TermCategory> categories, IEnumerable<string> allowedEnglish, IEnumerable<string> allowedChinese)
    {
        _categories = [.. categories.Select(c => (c, WordPattern(c.English)))];
        _allowedEnglish = WordPattern([.. allowedEnglish]);
        _allowedChinese = [.. allowedChinese];
    }

    /// <summary>The first term found in <paramref name="text"/>, or null.</summary>
    public TermMatch? Find(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var normal = Normalise(text);
        if (_allowedEnglish is not null)
        {
            normal = _allowedEnglish.Replace(normal, " ");
        }

        foreach (var allowed in _allowedChinese)
        {
            normal = normal.Replace(allowed, " ", StringComparison.Ordinal);
        }

        foreach (var (category, english) in _categories)
        {
            var m = english?.Match(normal);
            if (m is { Success: true })
            {
                return new TermMatch(m.Value, category.Label);
            }

            foreach (var term in category.Chinese)
            {
                if (normal.Contains(term, StringComparison.Ordinal))
                {
                    return new TermMatch(term, category.Label);
                }
            }
        }

        return null;
    }

    internal static string Normalise(string text)
    {
        var sb = new StringBuilder(text.Length + 2);
        sb.Append(' ');
        var folded = TextFolding.Fold(text);
        for (var i = 0; i < folded.Length; i++)
        {
            var ch = folded[i];
            if (IsApostrophe(ch))
            {
                // A possessive reads as its noun: "wife's" reads "wife", "company's" "company".
                if (i + 1 < folded.Length && folded[i + 1] == 's' && (i + 2 == folded.Length || !char.IsLetterOrDigit(folded[i + 2])))
                {
                    i++;
                }

                continue;
            }

            var c = char.IsLetterOrDigit(ch) ? ch : ' ';
            if (c != ' ' && sb.Length >= 2 && sb[^1] == ' ' && TextFolding.IsIdeograph(c) && TextFolding.IsIdeograph(sb[^2]))
            {
                sb[^1] = c;
            }
            else if (c != ' ' || sb[^1] != ' ')
            {
                sb.Append(c);
            }
        }

        if (sb[^1] != ' ')
        {
            sb.Append(' ');
        }

        return sb.ToString();
    }

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019' or '\u2018' or '\u02BC' or '`';

    // Whole words: no Latin letter or digit on either side; words inside a pattern are joined by
    // single spaces, which is how normalised text separates them.
    // Implementation note: interpreted, not compiled: the texts are short and each matcher runs a few
    // hundred times per policy, while compiling and jitting the large alternations costs more than it saves.
    // No match timeout: a wall-clock timeout made the validator's verdict depend on how busy the
    // machine was (a policy refused under load, accepted when idle), which breaks "the same inputs
    // give the same result". The patterns are our own alternations of words and simple stems with no
    // nested quantifiers, so a match is linear in the text, and the loader bounds every scalar's length.
    private static Regex? WordPattern(IReadOnlyList<string> fragments) =>
        fragments.Count == 0
            ? null
            : new Regex(
                $"(?<![a-z0-9])(?:{string.Join('|', fragments)})(?![a-z0-9])",
                RegexOptions.CultureInvariant,
                Regex.InfiniteMatchTimeout);
}
