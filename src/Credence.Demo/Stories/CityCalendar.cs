using Credence.Demo.Randomness;

namespace Credence.Demo.Stories;

/// <summary>
/// Instants as Unix seconds, and the local day (China Standard Time, UTC+8) that offices and people
/// keep: a court decides in office hours, a fare is evaded on the way to work.
/// </summary>
internal static class CityCalendar
{
    public const long Hour = 3600;
    public const long Day = 24 * Hour;
    public const long Year = 365 * Day + (6 * Hour); // a Julian year, for rates per year

    /// <summary>UTC+8, in seconds.</summary>
    public const long LocalOffset = 8 * Hour;

    private static readonly int UnixEpochDayNumber = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    /// <summary>A random instant in [from, to], moved to the local hours [fromHour, toHour) of its day when that stays in range.</summary>
    public static long Within(ref CityRandom random, long from, long to, int fromHour, int toHour)
    {
        long instant = random.Between(from, to);
        long localDay = FloorDiv(instant + LocalOffset, Day);
        long moved = (localDay * Day) + random.Between(fromHour * Hour, (toHour * Hour) - 1) - LocalOffset;
        return moved >= from && moved <= to ? moved : instant;
    }

    /// <summary>The local calendar year of an instant.</summary>
    public static int LocalYear(long instant) => LocalDate(instant).Year;

    /// <summary>The local calendar date of an instant.</summary>
    public static DateOnly LocalDate(long instant) =>
        DateOnly.FromDayNumber((int)FloorDiv(instant + LocalOffset, Day) + UnixEpochDayNumber);

    /// <summary>Local midnight at the start of a date, as Unix seconds.</summary>
    public static long LocalMidnight(DateOnly date) => ((long)(date.DayNumber - UnixEpochDayNumber) * Day) - LocalOffset;

    /// <summary>UTC midnight at the start of a date, as Unix seconds.</summary>
    public static long UtcMidnight(DateOnly date) => (long)(date.DayNumber - UnixEpochDayNumber) * Day;

    /// <summary>Years between two instants, for rates.</summary>
    public static double Years(long from, long to) => to <= from ? 0 : (to - from) / (double)Year;

    private static long FloorDiv(long value, long divisor) =>
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor);
}
