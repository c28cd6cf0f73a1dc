namespace Credence.Demo.Tests;

public sealed class ScaleTests
{
    [Fact]
    public void A_thousand_persons_make_about_ten_thousand_records()
    {
        var city = TestCities.Make(1_000);
        long count = city.Records().LongCount();

        Assert.InRange(count, 8_000, 12_500);
        Assert.Equal(count, city.EstimatedRecords); // exact for cities this small
    }

    [Fact]
    public void Records_grow_with_persons()
    {
        long small = TestCities.Make(500).Records().LongCount();
        long large = TestCities.Make(5_000).Records().LongCount();

        Assert.InRange(large / (double)small, 8, 12);
    }

    [Fact]
    public void The_default_city_has_about_a_million_records_from_all_eight_sources()
    {
        var city = CityGenerator.Generate(new CityOptions(Expected.End));
        var perSource = new Dictionary<string, long>();
        long count = 0;
        foreach (var (source, _) in city.Records())
        {
            perSource[source] = perSource.GetValueOrDefault(source) + 1;
            count++;
        }

        Assert.Equal(100_000, city.Persons.Count);
        Assert.Equal(10_000, city.Organisations.Count);
        Assert.InRange(count, 900_000, 1_150_000);
        Assert.InRange(city.EstimatedRecords, count * 0.97, count * 1.03);
        Assert.Equal(8, perSource.Count);
        Assert.All(perSource.Values, n => Assert.True(n >= 1_000));
    }
}
