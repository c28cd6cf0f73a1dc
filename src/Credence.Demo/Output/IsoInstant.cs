namespace Credence.Demo.Output;

/// <summary>Writes Unix seconds as <c>yyyy-MM-ddTHH:mm:ssZ</c>, the record wire format's instants.</summary>
/// <remarks>Implementation note: two instants per record, a million records: digits are written by hand rather than through a format string.</remarks>
internal static class IsoInstant
{
    public static string Format(long unixSeconds)
    {
        var time = DateTime.UnixEpoch.AddSeconds(unixSeconds);
        return string.Create(20, time, static (chars, t) =>
        {
            Write(chars[..4], t.Year);
            chars[4] = '-';
            Write(chars.Slice(5, 2), t.Month);
            chars[7] = '-';
            Write(chars.Slice(8, 2), t.Day);
            chars[10] = 'T';
            Write(chars.Slice(11, 2), t.Hour);
            chars[13] = ':';
            Write(chars.Slice(14, 2), t.Minute);
            chars[16] = ':';
            Write(chars.Slice(17, 2), t.Second);
            chars[19] = 'Z';
        });
    }

    /// <summary>A date as <c>yyyy-MM-dd</c>.</summary>
    public static string FormatDate(DateOnly date) =>
        string.Create(10, date, static (chars, d) =>
        {
            Write(chars[..4], d.Year);
            chars[4] = '-';
            Write(chars.Slice(5, 2), d.Month);
            chars[7] = '-';
            Write(chars.Slice(8, 2), d.Day);
        });

    private static void Write(Span<char> target, int value)
    {
        for (int i = target.Length - 1; i >= 0; i--)
        {
            target[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }
}
