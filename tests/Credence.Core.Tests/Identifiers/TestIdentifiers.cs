using Credence.Core.Identifiers;

namespace Credence.Core.Tests.Identifiers;

/// <summary>Fixed inputs shared by the identifier tests.</summary>
internal static class TestIdentifiers
{
    /// <summary>The day every check runs on: tests never read the clock.</summary>
    public static readonly DateOnly Today = new(2025, 6, 30);

    /// <summary>The examples printed in GB 11643-1999.</summary>
    public const string StandardPerson1949 = "11010519491231002X";
    public const string StandardPerson1880 = "440524188001010014";

    /// <summary>A real enterprise code made only of digits (it looks like an identity number).</summary>
    public const string AllDigitEnterprise = "914403001922038216";

    /// <summary>The pre-standard pilot code from the issue: GB 11714 check passes, mod-31 gives '1' not 'M'.</summary>
    public const string PilotCode = "91350100M0001TGQXM";

    /// <summary>A generated enterprise code with letters.</summary>
    public static readonly string Enterprise = UnifiedSocialCreditCode.Create('9', '1', "110108", "MA01BC2D");

    /// <summary>17 digits followed by their correct MOD 11-2 check character.</summary>
    public static string WithPersonCheck(string first17) =>
        first17 + ResidentIdentityNumber.CheckCharacter(first17);

    /// <summary>The text with one character replaced.</summary>
    public static string Replace(string text, int index, char c) =>
        string.Concat(text.AsSpan(0, index), new ReadOnlySpan<char>(in c), text.AsSpan(index + 1));
}
