using System.Globalization;

namespace Credence.Cluster.Tests;

/// <summary>Valid resident identity numbers (GB 11643-1999: region, birth date, sequence, ISO 7064 MOD 11-2 check character).</summary>
internal static class PersonIds
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>The subject every silo is asked about once before a test, so that none of the test's own is touched by the set-up.</summary>
    public static string Warmup { get; } = Person(999);

    /// <summary>The <paramref name="n"/>th person (0 to 364,999): born in 1980 or later in Beijing's Chaoyang district.</summary>
    public static string Person(int n)
    {
        var born = new DateOnly(1980, 1, 1).AddDays(n / 1000 % 3650);
        var body = "110105" + born.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + (n % 1000).ToString("000", CultureInfo.InvariantCulture);
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (body[i] - '0') * Weights[i];
        }

        return body + "10X98765432"[sum % 11];
    }
}
