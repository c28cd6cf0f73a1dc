namespace Credence.Core.DueProcess;

/// <summary>Counts working days in UTC, for deadlines written in working days.</summary>
/// <remarks>
/// Implementation note: a working day is Monday to Friday. Public holidays (and the PRC's swapped
/// weekend working days) are not modelled; a holiday calendar plugs in as the
/// <c>isWorkingDay</c> predicate, which the registry would build from the jurisdiction's published
/// calendar. Without it, a deadline may fall on a holiday, which only ever makes it earlier, never later.
/// </remarks>
public static class WorkingDays
{
    /// <summary>Monday to Friday.</summary>
    public static bool IsWeekday(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>
    /// The instant <paramref name="days"/> working days after <paramref name="start"/>: the same time
    /// of day, that many working days later. A start outside a working day counts from the
    /// beginning (00:00 UTC) of the next working day.
    /// </summary>
    public static DateTimeOffset Add(DateTimeOffset start, int days, Func<DateOnly, bool>? isWorkingDay = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var working = isWorkingDay ?? IsWeekday;
        var t = start.ToUniversalTime();
        var guard = 0;
        while (!working(DateOnly.FromDateTime(t.UtcDateTime)))
        {
            t = new DateTimeOffset(t.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
            Guard(ref guard, nameof(isWorkingDay));
        }

        for (var i = 0; i < days; i++)
        {
            do
            {
                t = t.AddDays(1);
                Guard(ref guard, nameof(isWorkingDay));
            }
            while (!working(DateOnly.FromDateTime(t.UtcDateTime)));
        }

        return t;
    }

    private static void Guard(ref int steps, string parameter)
    {
        if (++steps > 3660)
        {
            throw new ArgumentException("the working-day calendar has no working day within ten years", parameter);
        }
    }
}
