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
}
