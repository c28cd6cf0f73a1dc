namespace Credence.Core.Identifiers;

/// <summary>
/// The 18-character citizen identity number of GB 11643-1999: a 6-digit region code, an 8-digit birth
/// date (YYYYMMDD), a 3-digit sequence number and an ISO 7064 MOD 11-2 check character (0–9 or X).
/// </summary>
/// <remarks>
/// <para>
/// Checks, in order: 18 characters; digits in positions 1–17 and a digit or X (x accepted) in 18; the
/// region code starts with a province-level code (see below); the birth date exists, is not before
/// <see cref="EarliestBirthDate"/> and not after the day of the check; the check character.
/// </para>
/// <para>
/// Implementation note: only the province level of the region code is checked. Lower levels are
/// redrawn almost every year while a number keeps the code it was issued under for life, so a full
/// GB/T 2260 table would refuse real people. 81, 82 and 83 (Hong Kong, Macao and Taiwan residents'
/// residence permits, which carry numbers of this standard) are accepted besides the 31 provinces
/// and 71.
/// </para>
/// <para>
/// Implementation note: the earliest birth date is 1800-01-01, not 1900-01-01, because the standard's
/// own example 440524188001010014 (born 1880-01-01) must verify.
/// </para>
/// </remarks>
public sealed class ResidentIdentityNumber : ISubjectIdentifierScheme
{
    /// <summary>Characters in a number.</summary>
    public const int Length = 18;

    /// <summary>The standard's designation, used as <see cref="Name"/>.</summary>
    public const string StandardName = "GB 11643-1999";

    // ISO 7064 MOD 11-2 weights, 2^(18-i) mod 11 for positions i = 1..17.
    private static ReadOnlySpan<byte> Weights => [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    private ResidentIdentityNumber()
    {
    }

    /// <summary>The scheme (it has no settings).</summary>
    public static ResidentIdentityNumber Instance { get; } = new();

    /// <summary>The earliest birth date accepted.</summary>
    public static DateOnly EarliestBirthDate { get; } = new(1800, 1, 1);

    /// <inheritdoc />
    public SubjectKind Kind => SubjectKind.Person;

    /// <inheritdoc />
    public string Name => StandardName;

    /// <summary>
    /// Claims 18 characters with no letter but a final X/x, so that a number with a stray space or dash
    /// is refused in this scheme's terms; except when the first two characters are no province but an
    /// assigned Unified Social Credit Code prefix (such as 91): that is an all-digit organisation code,
    /// and its refusal should speak of that scheme.
    /// </summary>
    public bool Claims(string text)
    {
        if (text is null || !HasShape(text))
        {
            return false;
        }

        return ProvinceCodes.StartsWithProvince(text) || !UsccCodeTable.IsAssigned(text[0], text[1]);
    }

    /// <inheritdoc />
    public IdentifierCheck Check(string text, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length != Length)
        {
            return Refuse(text, IdentifierRules.Length, $"A resident identity number has {Length} characters; found {text.Length}.");
        }

        for (int i = 0; i < Length - 1; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return Refuse(text, IdentifierRules.Alphabet,
                    $"Character {i + 1} is {IdentifierText.Describe(text[i])}; positions 1–17 of a resident identity number are digits.");
            }
        }

        char last = IdentifierText.ToUpperAscii(text[Length - 1]);
        if (!char.IsAsciiDigit(last) && last != 'X')
        {
            return Refuse(text, IdentifierRules.Alphabet,
                $"Character 18 is {IdentifierText.Describe(text[Length - 1])}; the check character of a resident identity number is a digit or X.");
        }

        if (!ProvinceCodes.StartsWithProvince(text))
        {
            return Refuse(text, IdentifierRules.Region,
                $"Region code {text.AsSpan(0, 6)} does not start with a province-level code ({ProvinceCodes.Description}).");
        }

        int year = Digits(text, 6, 4), month = Digits(text, 10, 2), day = Digits(text, 12, 2);
        if (year < EarliestBirthDate.Year)
        {
            return Refuse(text, IdentifierRules.BirthDate,
                $"Birth date {text.AsSpan(6, 8)} (positions 7–14) is before {EarliestBirthDate:yyyy-MM-dd}.");
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return Refuse(text, IdentifierRules.BirthDate,
                $"Birth date {text.AsSpan(6, 8)} (positions 7–14) is not a calendar date.");
        }

        var birthDate = new DateOnly(year, month, day);
        if (birthDate > today)
        {
            return Refuse(text, IdentifierRules.BirthDateFuture,
                $"Birth date {birthDate:yyyy-MM-dd} (positions 7–14) is after the day of the check, {today:yyyy-MM-dd}.");
        }

        char expected = CheckCharacter(text.AsSpan(0, Length - 1));
        if (last != expected)
        {
            return Refuse(text, IdentifierRules.CheckCharacter,
                $"The check character (position 18) should be '{expected}' for the first 17 digits; found {IdentifierText.Describe(text[Length - 1])}.");
        }

        var id = new SubjectId(SubjectKind.Person, IdentifierText.ToUpperAscii(text), birthDate);
        return IdentifierCheck.Valid(text, StandardName, id);
    }

    /// <summary>
    /// Writes a number from its parts and computes the check character; for tests and the demo city.
    /// Whether the birth date is in the future is a matter for <see cref="Check"/>, which knows the day.
    /// </summary>
    /// <param name="regionCode">Six digits starting with a province-level code.</param>
    /// <param name="birthDate">On or after <see cref="EarliestBirthDate"/>.</param>
    /// <param name="sequence">0–999 (odd for men, even for women, by the standard's convention).</param>
    public static string Create(string regionCode, DateOnly birthDate, int sequence)
    {
        ArgumentNullException.ThrowIfNull(regionCode);
        if (regionCode.Length != 6 || !IsAllDigits(regionCode) || !ProvinceCodes.StartsWithProvince(regionCode))
        {
            throw new ArgumentException(
                $"A region code is six digits starting with a province-level code ({ProvinceCodes.Description}).", nameof(regionCode));
        }

        if (birthDate < EarliestBirthDate)
        {
            throw new ArgumentOutOfRangeException(nameof(birthDate), birthDate, $"The earliest birth date is {EarliestBirthDate:yyyy-MM-dd}.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, 999);

        Span<char> chars = stackalloc char[Length];
        regionCode.AsSpan().CopyTo(chars);
        WriteDigits(chars.Slice(6, 4), birthDate.Year);
        WriteDigits(chars.Slice(10, 2), birthDate.Month);
        WriteDigits(chars.Slice(12, 2), birthDate.Day);
        WriteDigits(chars.Slice(14, 3), sequence);
        chars[Length - 1] = CheckCharacter(chars[..(Length - 1)]);
        return new string(chars);
    }

    /// <summary>The MOD 11-2 check character of 17 digits: (12 − Σ aᵢwᵢ mod 11) mod 11, with 10 written X.</summary>
    internal static char CheckCharacter(ReadOnlySpan<char> digits17)
    {
        int sum = 0;
        for (int i = 0; i < Weights.Length; i++)
        {
            sum += (digits17[i] - '0') * Weights[i];
        }

        int value = (12 - (sum % 11)) % 11;
        return value == 10 ? 'X' : (char)('0' + value);
    }

    private static bool HasShape(string text)
    {
        if (text.Length != Length)
        {
            return false;
        }

        for (int i = 0; i < Length - 1; i++)
        {
            if (char.IsAsciiLetter(text[i]))
            {
                return false;
            }
        }

        char last = text[Length - 1];
        return !char.IsAsciiLetter(last) || last is 'X' or 'x';
    }

    private static bool IsAllDigits(string text)
    {
        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static int Digits(string text, int start, int count)
    {
        int value = 0;
        for (int i = start; i < start + count; i++)
        {
            value = (value * 10) + (text[i] - '0');
        }

        return value;
    }

    private static void WriteDigits(Span<char> target, int value)
    {
        for (int i = target.Length - 1; i >= 0; i--)
        {
            target[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }

    private static IdentifierCheck Refuse(string text, string rule, string reason) =>
        IdentifierCheck.Invalid(text, StandardName, SubjectKind.Person, rule, reason);
}
