namespace Credence.Demo.Tests;

public sealed class QuietPersonsTests
{
    [Fact]
    public void Quiet_persons_are_exactly_those_no_source_reports_on_in_index_order()
    {
        var city = TestCities.Small;
        var reported = TestCities.SmallRecords.Select(r => r.Line.Subject!).ToHashSet(StringComparer.Ordinal);
        var expected = city.Persons.Where(p => !reported.Contains(p.Id)).Select(p => p.Index).ToList();

        var quiet = city.QuietPersons().Select(p => p.Index).ToList();

        Assert.NotEmpty(quiet);
        Assert.Equal(expected, quiet);
    }

    [Fact]
    public void The_same_city_has_the_same_quiet_persons()
    {
        Assert.Equal(TestCities.Make(500).QuietPersons(), TestCities.Make(500).QuietPersons());
        Assert.NotEqual(TestCities.Make(500).QuietPersons().Take(5), TestCities.Make(500, seed: 7).QuietPersons().Take(5));
    }
}
