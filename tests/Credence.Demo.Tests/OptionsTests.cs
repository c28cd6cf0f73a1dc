namespace Credence.Demo.Tests;

public sealed class OptionsTests
{
    [Fact]
    public void The_defaults_are_the_demo_city()
    {
        var options = new CityOptions(Expected.End);

        Assert.Equal(100_000, options.Persons);
        Assert.Equal(10_000, options.Organisations);
        Assert.Equal(2026, options.Seed);
        Assert.Equal(3, options.Years);
    }

    [Fact]
    public void Organisations_follow_persons_unless_set()
    {
        Assert.Equal(123, new CityOptions(Expected.End) { Persons = 1_234 }.Organisations);
        Assert.Equal(7, new CityOptions(Expected.End) { Persons = 1_234, Organisations = 7 }.Organisations);
        Assert.Equal(0, new CityOptions(Expected.End) { Persons = 5 }.Organisations);
    }

    [Fact]
    public void The_end_is_taken_in_UTC_to_the_whole_second()
    {
        var end = new DateTimeOffset(2026, 11, 29, 2, 0, 0, TimeSpan.FromHours(8)).AddMilliseconds(999);
        var city = CityGenerator.Generate(new CityOptions(end) { Persons = 200 });

        Assert.Equal(new DateTimeOffset(2026, 11, 28, 18, 0, 0, TimeSpan.Zero), city.End);
        Assert.Equal(TimeSpan.Zero, city.End.Offset);
        Assert.Empty(CityChecks.Problems(city, city.Records()));
    }

    [Fact]
    public void More_years_reach_further_back()
    {
        var city = CityGenerator.Generate(new CityOptions(Expected.End) { Persons = 300, Years = 5 });

        Assert.Equal(Expected.End.AddYears(-5), city.Start);
        Assert.Empty(CityChecks.Problems(city, city.Records()));
        Assert.Contains(city.Records(), r => string.CompareOrdinal(r.Line.Occurred, "2022-11-28T18:00:00Z") < 0);
    }

    [Fact]
    public void An_empty_city_has_no_subjects_and_no_records()
    {
        var city = CityGenerator.Generate(new CityOptions(Expected.End) { Persons = 0 });

        Assert.Empty(city.Persons);
        Assert.Empty(city.Organisations);
        Assert.Empty(city.Records());
        Assert.Empty(city.Showcase);
        Assert.Equal(0, city.EstimatedRecords);
        Assert.Equal(8, city.Sources.Count);
    }

    [Theory]
    [InlineData(-1, null, 3, "Persons")]
    [InlineData(20_000_001, null, 3, "Persons")]
    [InlineData(100, -1, 3, "Organisations")]
    [InlineData(100, null, 0, "Years")]
    [InlineData(100, null, 11, "Years")]
    public void Out_of_range_options_are_refused_naming_the_option(int persons, int? organisations, int years, string option)
    {
        var options = new CityOptions(Expected.End) { Persons = persons, Years = years };
        if (organisations is { } count)
        {
            options = options with { Organisations = count };
        }

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => CityGenerator.Generate(options));
        Assert.Equal(option, error.ParamName);
        Assert.Contains("out of range", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1985)]
    [InlineData(2101)]
    public void An_end_outside_1990_to_2100_is_refused(int year)
    {
        var options = new CityOptions(new DateTimeOffset(year, 6, 1, 0, 0, 0, TimeSpan.Zero)) { Persons = 10 };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => CityGenerator.Generate(options));
        Assert.Contains("1990 to 2100", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_options_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => CityGenerator.Generate(null!));
    }

    [Fact]
    public void A_slice_size_below_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TestCities.Small.Records(0).ToList());
    }

    [Fact]
    public void A_batch_size_below_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TestCities.Small.Batches(0));
    }
}
