using Credence.Demo.Catalogue;
using Credence.Demo.Randomness;

namespace Credence.Demo.Stories;

/// <summary>How long each source takes to report a fact: hours for the court's defaulter list, weeks for a bank's statement cycle.</summary>
internal static class Delays
{
    // Shortest and longest delay per source, in SourceId order.
    private static readonly (long Min, long Max)[] Ranges =
    [
        (2 * CityCalendar.Hour, 3 * CityCalendar.Day),   // court: the defaulter list is published within days
        (1 * CityCalendar.Day, 10 * CityCalendar.Day),   // tax bureau
        (1 * CityCalendar.Day, 15 * CityCalendar.Day),   // market regulator
        (2 * CityCalendar.Hour, 7 * CityCalendar.Day),   // transit authority
        (1 * CityCalendar.Day, 5 * CityCalendar.Day),    // utilities
        (1 * CityCalendar.Day, 30 * CityCalendar.Day),   // bank: statement cycle
        (1 * CityCalendar.Day, 14 * CityCalendar.Day),   // charity federation
        (2 * CityCalendar.Day, 20 * CityCalendar.Day),   // environmental regulator
    ];

    /// <summary>A reporting delay in seconds: most short, a few near the longest.</summary>
    public static long Draw(ref CityRandom random, SourceId source)
    {
        var (min, max) = Ranges[(int)source];
        return min + (long)((max - min) * random.Skewed());
    }
}
