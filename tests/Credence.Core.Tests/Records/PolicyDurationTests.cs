using Credence.Core.Policies;

namespace Credence.Core.Tests.Records;

public class PolicyDurationTests
{
    [Theory]
    [InlineData("2y", 2, 0, 0)]
    [InlineData("3mo", 0, 3, 0)]
    [InlineData("90d", 0, 0, 90)]
    [InlineData("1y6mo", 1, 6, 0)]
    [InlineData("1y2mo3d", 1, 2, 3)]
    public void Parses_calendar_lengths(string text, int y, int mo, int d)
    {
        Assert.True(PolicyDuration.TryParse(text, out var duration));
        Assert.Equal(new PolicyDuration(y, mo, d), duration);
        Assert.Equal(text, duration.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("2")]
    [InlineData("y")]
    [InlineData("2 years")]
    [InlineData("-1d")]
    [InlineData("3m")]
    public void Refuses_malformed_lengths(string text) => Assert.False(PolicyDuration.TryParse(text, out _));

    [Fact]
    public void Nominal_year_equals_365_days_and_twelve_months()
    {
        Assert.Equal(0, PolicyDuration.FromYears(1).CompareTo(PolicyDuration.FromDays(365)));
        Assert.Equal(0, PolicyDuration.FromYears(1).CompareTo(PolicyDuration.FromMonths(12)));
        Assert.True(PolicyDuration.FromDays(366) > PolicyDuration.FromYears(1));
    }

    [Fact]
    public void Adding_a_term_uses_the_calendar()
    {
        var start = new DateTimeOffset(2024, 2, 29, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2026, 2, 28, 0, 0, 0, TimeSpan.Zero), PolicyDuration.FromYears(2).AddTo(start));
    }

    /// <summary>Digits of other scripts, which <c>\d</c> in a .NET regular expression matches and <c>int.Parse</c> does not.</summary>
    [Theory]
    [InlineData("\u0663y")] // Arabic-Indic three
    [InlineData("\u06f3mo")] // Extended Arabic-Indic (Persian) three
    [InlineData("\uff13mo")] // full-width three
    [InlineData("\u0969d")] // Devanagari three
    [InlineData("\u09e9d")] // Bengali three
    [InlineData("\u0e53y")] // Thai three
    [InlineData("\u1813y")] // Mongolian three
    [InlineData("\u00b3y")] // superscript three
    [InlineData("\u2083d")] // subscript three
    [InlineData("\u2462y")] // circled three
    [InlineData("\ud835\udfd1y")] // mathematical bold three
    [InlineData("1\u0663y")] // an ASCII digit then another script's
    [InlineData("\uff11y\uff12mo")] // full-width years and months
    [InlineData("\u4e09y")] // the Chinese numeral three
    public void Refuses_digits_of_other_scripts(string text) => Assert.False(PolicyDuration.TryParse(text, out _));

    [Fact]
    public void Refuses_every_non_ascii_decimal_digit_in_every_position()
    {
        for (var c = '\u0080'; c < '\uffff'; c++)
        {
            if (char.IsDigit(c))
            {
                foreach (var text in new[] { $"{c}y", $"{c}mo", $"{c}d", $"1{c}d", $"{c}1d", $"1y{c}mo" })
                {
                    Assert.False(PolicyDuration.TryParse(text, out _), $"U+{(int)c:X4} in '{text}'");
                }
            }
        }
    }

    [Theory]
    [InlineData("99999999999999999999d")]
    [InlineData("2147483648d")]
    [InlineData("4294967296y")]
    [InlineData("101y")]
    [InlineData("1201mo")]
    [InlineData("36501d")]
    [InlineData("100y1200mo36500d1d")]
    public void Refuses_huge_lengths_without_overflow(string text) => Assert.False(PolicyDuration.TryParse(text, out _));
}
