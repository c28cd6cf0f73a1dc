using Credence.Core.Records;

namespace Credence.Core.Tests.Records;

public class InstantTextTests
{
    [Theory]
    [InlineData("2026-06-01T08:00:00Z", "2026-06-01T08:00:00+00:00")]
    [InlineData("2026-06-01T08:00Z", "2026-06-01T08:00:00+00:00")]
    [InlineData("2026-06-01T16:00:00+08:00", "2026-06-01T16:00:00+08:00")]
    [InlineData("2026-06-01T03:00:00.1234567-05:00", "2026-06-01T03:00:00.1234567-05:00")]
    public void An_instant_with_its_offset_is_read_as_stated(string text, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), InstantText.Parse(text));

    [Theory]
    [InlineData("2026-06-01")]
    [InlineData("2026-06-01T00:00:00")]
    [InlineData("2026-06-01T00:00")]
    [InlineData("2026-06-01T00:00:00+0800")]
    [InlineData("2026-06-01T00:00:00+08")]
    [InlineData("2026-06-01 00:00:00Z")]
    [InlineData("2026-06-01T00:00:00 CST")]
    [InlineData("２０２６-06-01T00:00:00Z")]
    [InlineData("٢٠٢٦-06-01T00:00:00Z")]
    [InlineData("2026-W22-1T00:00:00Z")]
    [InlineData(" 2026-06-01T00:00:00Z")]
    [InlineData("2026-06-01T00:00:00Z\n")]
    [InlineData("2026-06-01T00:00:00z")]
    [InlineData("2026-13-01T00:00:00Z")]
    [InlineData("2026-02-30T00:00:00Z")]
    [InlineData("2026-06-01T24:00:00Z")]
    [InlineData("2026年6月1日")]
    [InlineData("")]
    [InlineData(null)]
    public void A_date_a_local_time_or_anything_not_plainly_an_instant_is_refused(string? text) =>
        Assert.Null(InstantText.Parse(text));
}
