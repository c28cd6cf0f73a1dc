using System.Globalization;
using System.Text.RegularExpressions;

namespace Credence.Core.Policies;

/// <summary>
/// A calendar length written in a policy as years, months and days, for example <c>2y</c>,
/// <c>3mo</c>, <c>90d</c> or <c>1y6mo</c>. Adding it to an instant uses the UTC calendar, so a
/// two-year term that starts on 29 February ends on 28 February two years later.
/// </summary>
/// <remarks>
/// Implementation note: profile limits ("general: 3 months to 1 year") compare nominal lengths in
/// which a year is 365 days and a month 30 days; twelve months count as one year. So <c>365d</c>
/// and <c>1y</c> are equal for validation, while adding them to an instant may differ by a leap day.
/// </remarks>
public readonly partial record struct PolicyDuration(int Years, int Months, int Days) : IComparable<PolicyDuration>
{
    public static PolicyDuration Zero => default;

    public static PolicyDuration FromDays(int days) => new(0, 0, days);

    public static PolicyDuration FromMonths(int months) => new(0, months, 0);

    public static PolicyDuration FromYears(int years) => new(years, 0, 0);

    /// <summary>Length in nominal days (year 365, month 30, twelve months a year), for comparisons only.</summary>
    public int NominalDays => (Years * 365) + (Months / 12 * 365) + (Months % 12 * 30) + Days;

    public bool IsZero => Years == 0 && Months == 0 && Days == 0;

    /// <summary>The instant this length after <paramref name="start"/>.</summary>
    public DateTimeOffset AddTo(DateTimeOffset start) =>
        start.ToUniversalTime().AddYears(Years).AddMonths(Months).AddDays(Days);

    /// <summary>The instant this length before <paramref name="end"/>.</summary>
    public DateTimeOffset SubtractFrom(DateTimeOffset end) =>
        end.ToUniversalTime().AddDays(-Days).AddMonths(-Months).AddYears(-Years);

    public int CompareTo(PolicyDuration other) => NominalDays.CompareTo(other.NominalDays);

    public static bool operator <(PolicyDuration a, PolicyDuration b) => a.CompareTo(b) < 0;

    public static bool operator >(PolicyDuration a, PolicyDuration b) => a.CompareTo(b) > 0;

    public static bool operator <=(PolicyDuration a, PolicyDuration b) => a.CompareTo(b) <= 0;

    public static bool operator >=(PolicyDuration a, PolicyDuration b) => a.CompareTo(b) >= 0;

    /// <summary>Parses <c>2y</c>, <c>3mo</c>, <c>90d</c>, <c>1y6mo</c>, <c>1y2mo3d</c>.</summary>
    public static bool TryParse(string? text, out PolicyDuration duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var m = Pattern().Match(text.Trim());
        if (!m.Success || (!m.Groups["y"].Success && !m.Groups["mo"].Success && !m.Groups["d"].Success))
        {
            return false;
        }

        static int Part(Group g) => g.Success ? int.Parse(g.Value, CultureInfo.InvariantCulture) : 0;
        duration = new PolicyDuration(Part(m.Groups["y"]), Part(m.Groups["mo"]), Part(m.Groups["d"]));
        return duration.Years <= 100 && duration.Months <= 1200 && duration.Days <= 36500;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        if (IsZero)
        {
            return "0d";
        }

        return (Years > 0 ? $"{Years}y" : string.Empty)
            + (Months > 0 ? $"{Months}mo" : string.Empty)
            + (Days > 0 ? $"{Days}d" : string.Empty);
    }

    [GeneratedRegex(@"^(?:(?<y>[0-9]{1,3})y)?(?:(?<mo>[0-9]{1,4})mo)?(?:(?<d>[0-9]{1,5})d)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
