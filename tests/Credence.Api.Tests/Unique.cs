using System.Globalization;
using Credence.Core.Identifiers;

namespace Credence.Api.Tests;

/// <summary>Subjects, names and record ids that no other call in the test process returns: what a test on a <see cref="SharedHost"/> writes under.</summary>
internal static class Unique
{
    private static int last;

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
