namespace Credence.Registry.Fairness;

/// <summary>What an operator or auditor asks of the fairness report.</summary>
/// <param name="AsOf">The instant; now when null. Not after now: the registry does not know the future's records.</param>
/// <param name="GradeAtOrBelow">The grade outcome's grade, exactly as a policy in force writes it; each policy's lowest grade when null.</param>
/// <param name="MinCohort">The smallest cohort judged (0 or more); <see cref="Core.Fairness.FairnessOptions.DefaultMinCohort"/> when null.</param>
/// <param name="Seed">The bootstrap's seed; <see cref="Core.Fairness.FairnessOptions.DefaultSeed"/> when null.</param>
public sealed record FairnessRequest(DateTimeOffset? AsOf = null, string? GradeAtOrBelow = null, int? MinCohort = null, ulong? Seed = null)
{
    private static readonly string[] Formats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK"];

    /// <summary>
    /// Reads an as-of instant as the API and the command line take it: ISO 8601 with a time and an
    /// offset (<c>2026-12-01T00:00:00Z</c>, <c>2026-12-01T08:00:00+08:00</c>) or a bare date, taken at
    /// midnight UTC; in ASCII only (a full-width or other script's digit is refused, not read).
    /// </summary>
    /// <returns>The one-line reason it is refused, or null.</returns>
    public static string? TryParseAsOf(string text, out DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(text);
        asOf = default;
        if (text.Length is 0 or > 40 || !System.Text.Ascii.IsValid(text) || text.Any(char.IsControl))
        {
            return $"as-of '{Visible(text)}' is not an ISO 8601 instant in ASCII, e.g. 2026-12-01T00:00:00Z";
        }

        var culture = System.Globalization.CultureInfo.InvariantCulture;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", culture, System.Globalization.DateTimeStyles.None, out var day))
        {
            asOf = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return null;
        }

        if ((text.EndsWith('Z') || (text.Length > 6 && text[^6] is '+' or '-'))
            && DateTimeOffset.TryParseExact(text, Formats, culture, System.Globalization.DateTimeStyles.None, out var parsed))
        {
            asOf = parsed.ToUniversalTime();
            return null;
        }

        return $"as-of '{Visible(text)}' is not an ISO 8601 instant with an offset (e.g. 2026-12-01T00:00:00Z) or a date (2026-12-01)";
    }

    private static string Visible(string text) =>
        new([.. text.Take(40).Select(c => char.IsControl(c) || char.IsSurrogate(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format ? '?' : c)]);
}
