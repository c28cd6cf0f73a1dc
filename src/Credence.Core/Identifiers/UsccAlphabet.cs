namespace Credence.Core.Identifiers;

/// <summary>
/// The 31-character alphabet of GB 32100-2015: digits and the upper-case letters without I, O, S, V
/// and Z, each character valued by its place in the alphabet (0–30).
/// </summary>
internal static class UsccAlphabet
{
    /// <summary>The alphabet in value order.</summary>
    public const string Characters = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>Values of 'A'..'Z'; -1 for the five letters the standard leaves out.</summary>
    private static ReadOnlySpan<sbyte> LetterValues =>
    [
        10, 11, 12, 13, 14, 15, 16, 17, -1, 18, 19, 20, 21, // A–M (I excluded)
        22, -1, 23, 24, 25, -1, 26, 27, -1, 28, 29, 30, -1, // N–Z (O, S, V, Z excluded)
    ];

    /// <summary>
    /// The value of a character (letters in either case), or -1 when it is not in the alphabet.
    /// </summary>
    public static int ValueOf(char c)
    {
        if (char.IsAsciiDigit(c))
        {
            return c - '0';
        }

        c = IdentifierText.ToUpperAscii(c);
        return c is >= 'A' and <= 'Z' ? LetterValues[c - 'A'] : -1;
    }
}
