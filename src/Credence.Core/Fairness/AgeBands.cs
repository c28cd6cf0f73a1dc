namespace Credence.Core.Fairness;

/// <summary>
/// The age bands of the report: under 18, 18–24, then ten-year bands to 65–74, and 75 and over; in
/// whole years completed at the report's instant, a birthday counting from midnight UTC (as the
/// minimum age does, 29 February on 28 February in a common year). A birth date after the instant is the unknown cohort (the person was not born
/// yet; such a person has no record counted at that instant).
/// </summary>
public static class AgeBands
{
    private static readonly (int From, string Key)[] Bands =
        [(75, "75+"), (65, "65-74"), (55, "55-64"), (45, "45-54"), (35, "35-44"), (25, "25-34"), (18, "18-24"), (0, "under-18")];

    /// <summary>The marked unknown band.</summary>
    public static Cohort Unknown { get; } = new(CohortDimensions.AgeBand, Cohort.UnknownKey, "unknown (born after the report's instant)", "未知（报告时点尚未出生）", Known: false);

    /// <summary>Every band's key, youngest first.</summary>
    public static IReadOnlyList<string> Keys { get; } = [.. Bands.Reverse().Select(b => b.Key)];

    /// <summary>Completed years at <paramref name="asOf"/>, or null when born after it.</summary>
    public static int? Age(DateOnly birthDate, DateTimeOffset asOf)
    {
        var day = DateOnly.FromDateTime(asOf.UtcDateTime);
        if (birthDate > day)
        {
            return null;
        }

        // The engine's rule for the minimum age (a 29 February birthday is 28 February in a common
        // year), so that a person the policy scores as an adult is never in the under-18 band.
        var age = day.Year - birthDate.Year;
        return birthDate.AddYears(age) > day ? age - 1 : age;
    }

    /// <summary>The band's cohort for a birth date at an instant.</summary>
    public static Cohort Of(DateOnly birthDate, DateTimeOffset asOf)
    {
        if (Age(birthDate, asOf) is not { } age)
        {
            return Unknown;
        }

        foreach (var (from, key) in Bands)
        {
            if (age >= from)
            {
                var label = key switch { "75+" => "75 and over", "under-18" => "under 18", _ => key.Replace('-', '–') };
                var zh = key switch { "75+" => "75岁及以上", "under-18" => "未满18岁", _ => key.Replace('-', '–') + "岁" };
                return new Cohort(CohortDimensions.AgeBand, key, label, zh);
            }
        }

        throw new InvalidOperationException("unreachable: the last band starts at 0");
    }
}
