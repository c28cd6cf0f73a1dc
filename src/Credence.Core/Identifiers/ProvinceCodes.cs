namespace Credence.Core.Identifiers;

/// <summary>The province-level two-digit prefixes of GB/T 2260 region codes that identity numbers use.</summary>
/// <remarks>
/// Implementation note: only the province level is checked. County-level codes are redrawn almost
/// every year, and a number keeps the region code it was issued under for life, so a full GB/T 2260
/// table would refuse real people whose county has since been renamed or merged; the province level
/// has been stable since 1988 (Hainan 46) and 1997 (Chongqing 50). 71 is Taiwan as listed in GB/T 2260;
/// 81, 82 and 83 are the address codes (810000, 820000, 830000) used since 2018 in the identity numbers
/// on residence permits for residents of Hong Kong, Macao and Taiwan.
/// </remarks>
internal static class ProvinceCodes
{
    /// <summary>Whether a two-digit prefix (0–99) is a province-level code.</summary>
    public static bool Contains(int prefix) => prefix is
        (>= 11 and <= 15) or (>= 21 and <= 23) or (>= 31 and <= 37) or (>= 41 and <= 46)
        or (>= 50 and <= 54) or (>= 61 and <= 65) or 71 or 81 or 82 or 83;

    /// <summary>Whether the first two characters of <paramref name="text"/> are digits forming a province code.</summary>
    public static bool StartsWithProvince(ReadOnlySpan<char> text) =>
        text.Length >= 2 && char.IsAsciiDigit(text[0]) && char.IsAsciiDigit(text[1])
        && Contains(((text[0] - '0') * 10) + (text[1] - '0'));

    /// <summary>The list a person reads in a refusal.</summary>
    public const string Description = "11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71, 81, 82 or 83";
}
