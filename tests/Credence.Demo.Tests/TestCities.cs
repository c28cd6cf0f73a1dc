namespace Credence.Demo.Tests;

/// <summary>Small cities, made once per test run and shared, so that the tests stay fast.</summary>
internal static class TestCities
{
    private static readonly Lazy<(City City, IReadOnlyList<CityRecord> Records)> SmallCity = new(() =>
    {
        var city = CityGenerator.Generate(new CityOptions(Expected.End) { Persons = 3_000 });
        return (city, city.Records().ToList());
    });

    /// <summary>3,000 persons and 300 organisations.</summary>
    public static City Small => SmallCity.Value.City;

    /// <summary>The small city's records, in the order it hands them out.</summary>
    public static IReadOnlyList<CityRecord> SmallRecords => SmallCity.Value.Records;

    public static City Make(int persons, long seed = CityOptions.DefaultSeed) =>
        CityGenerator.Generate(new CityOptions(Expected.End) { Persons = persons, Seed = seed });
}
