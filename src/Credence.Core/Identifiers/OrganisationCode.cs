namespace Credence.Core.Identifiers;

/// <summary>
/// The check of the GB 11714 organisation code that a Unified Social Credit Code carries in positions
/// 9–17: an 8-character body and a check character.
/// </summary>
/// <remarks>
/// GB 11714 values digits 0–9 and letters A–Z as 10–35 (all 26 letters: its alphabet is not the
/// GB 32100 one), weights the body 3 7 9 10 5 8 4 2, and takes C = 11 − (sum mod 11), writing 10 as X
/// and 11 as 0.
/// </remarks>
internal static class OrganisationCode
{
    /// <summary>Number of characters in the body, before the check character.</summary>
    public const int BodyLength = 8;

    private static ReadOnlySpan<byte> Weights => [3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>The GB 11714 value of a digit or letter (either case), or -1 for anything else.</summary>
    public static int ValueOf(char c)
    {
        if (char.IsAsciiDigit(c))
        {
            return c - '0';
        }

        c = IdentifierText.ToUpperAscii(c);
        return c is >= 'A' and <= 'Z' ? c - 'A' + 10 : -1;
    }

    /// <summary>The check character of an 8-character body of digits and letters.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> body)
    {
        if (body.Length != BodyLength)
        {
            throw new ArgumentException($"An organisation code body has {BodyLength} characters.", nameof(body));
        }

        int sum = 0;
        for (int i = 0; i < BodyLength; i++)
        {
            int value = ValueOf(body[i]);
            if (value < 0)
            {
                throw new ArgumentException("An organisation code body has only digits and letters.", nameof(body));
            }

            sum += value * Weights[i];
        }

        int check = 11 - (sum % 11);
        return check switch
        {
            10 => 'X',
            11 => '0',
            _ => (char)('0' + check),
        };
    }
}
