using System.Globalization;
using Credence.Core.Identifiers;

namespace Credence.Api.Tests;

/// <summary>Subjects, names and record ids that no other call in the test process returns: what a test on a <see cref="SharedHost"/> writes under.</summary>
internal static class Unique
{
    /// <summary>The last number given: they start above the small literal ids tests also send (<c>Z-404</c>, <c>R-1</c>), so none is ever both.</summary>
    private static int last = 100_000;

    /// <summary>A valid resident identity number (GB 11643-1999) of an adult, born in Nanjing between 1970 and 1997.</summary>
    public static string Person()
    {
        var n = Next();
        return ResidentIdentityNumber.Create("320102", new DateOnly(1970, 1, 1).AddDays(n % 10_000), 1 + (n / 10_000 % 999));
    }

    /// <summary><paramref name="stem"/>, a dash and a number: a record id, a principal's name.</summary>
    public static string Id(string stem) => stem + "-" + Next().ToString(CultureInfo.InvariantCulture);

    private static int Next() => Interlocked.Increment(ref last);
}
