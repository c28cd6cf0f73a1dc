using System.Globalization;
using System.Text.RegularExpressions;

namespace Credence.Core.Records;

/// <summary>An instant as callers write one: ISO 8601 date and time with a stated offset (or <c>Z</c>), in ASCII.</summary>
public static partial class InstantText
{
    /// <summary>
    /// The instant <paramref name="text"/> states, or null: a bare date or a local time is ambiguous and
    /// refused, digits of other scripts (full-width, Arabic-Indic) are not read as numbers, and nothing
    /// may stand before or after it.
    /// </summary>
    /// <remarks>
    /// Implementation note: the shape is checked first because <see cref="DateTimeOffset.TryParse(string, IFormatProvider, DateTimeStyles, out DateTimeOffset)"/>
    /// takes a bare date (and guesses an offset for it); a test for "ends in Z or has a sign six from the end"
    /// took <c>2026-06-01</c>, whose own hyphen stands there.
    /// </remarks>
    public static DateTimeOffset? Parse(string? text) =>
        text is not null && Shape().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed) ? parsed : null;

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,7})?)?(Z|[+-][0-9]{2}:[0-9]{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
