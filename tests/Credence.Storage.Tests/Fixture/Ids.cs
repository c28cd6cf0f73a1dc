using Credence.Core.Identifiers;

namespace Credence.Storage.Tests.Fixture;

/// <summary>Valid identifiers for the tests.</summary>
internal static class Ids
{
    /// <summary>The GB 11643-1999 examples.</summary>
    public const string Alice = "11010519491231002X";
    public const string Bob = "440524188001010014";

    /// <summary>A real all-digit enterprise code.</summary>
    public const string Acme = "914403001922038216";

    /// <summary>A person with a made-up sequence number (for many subjects).</summary>
    public static string Person(int n) => ResidentIdentityNumber.Create("310101", new DateOnly(1980, 1, 1).AddDays(n % 7000), (n / 7000 % 999) + 1);
}
