using System.Globalization;

namespace Credence.Load;

/// <summary>The whole machine's busy processor time so far, from the first line of <c>/proc/stat</c>.</summary>
/// <remarks>
/// Implementation note: busy is every column but idle and iowait (user, nice, system, irq, softirq,
/// steal), in clock ticks of 1/100 s (Linux' USER_HZ on every architecture .NET runs on). Over a window
/// on an otherwise idle machine it is what the servers, the database and the load generator together
/// cost; on a shared machine it counts the neighbours too, so the figures say which it was.
/// Off Linux it reads zero.
/// </remarks>
internal static class MachineCpu
{
    public static TimeSpan Busy()
    {
        if (!File.Exists("/proc/stat"))
        {
            return TimeSpan.Zero;
        }

        var first = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long busy = 0;
        for (var i = 1; i < first.Length && i <= 8; i++)
        {
            if (i is 4 or 5)
            {
                continue; // idle, iowait
            }

            busy += long.Parse(first[i], CultureInfo.InvariantCulture);
        }

        return TimeSpan.FromMilliseconds(busy * 10);
    }
}
