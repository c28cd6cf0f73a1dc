using Credence.Core.Identifiers;

namespace Credence.Demo.Tests;

public sealed class PopulationTests
{
    private static readonly string[] PersonRegions =
        ["371082", "371002", "110105", "110108", "310104", "310115", "310106", "440305", "440106", "330106", "510107", "320102", "420106"];

    [Fact]
    public void Every_person_has_a_valid_resident_identity_number_carrying_their_birth_date_and_region()
    {
        var city = TestCities.Make(10_000);
        foreach (var person in city.Persons)
        {
            var check = SubjectIdentifiers.Check(person.Id, Expected.EndDate);
            Assert.True(check.IsValid, $"{person}: {check.Rule} {check.Reason}");
            Assert.Equal(SubjectKind.Person, check.Kind);
            Assert.Equal(person.BirthDate, check.Id!.Value.BirthDate);
            Assert.StartsWith(person.RegionCode, person.Id, StringComparison.Ordinal);
            Assert.Contains(person.RegionCode, PersonRegions);
        }
    }

    [Fact]
    public void Every_organisation_has_a_valid_company_code()
    {
        var city = TestCities.Make(10_000);
        Assert.Equal(1_000, city.Organisations.Count);
        foreach (var organisation in city.Organisations)
        {
            var check = SubjectIdentifiers.Check(organisation.Code, Expected.EndDate);
            Assert.True(check.IsValid, $"{organisation}: {check.Rule} {check.Reason}");
            Assert.Equal(SubjectKind.Organisation, check.Kind);
            Assert.StartsWith("91" + organisation.RegionCode + "MA", organisation.Code, StringComparison.Ordinal);
            Assert.EndsWith("Co., Ltd.", organisation.Name, StringComparison.Ordinal);
            Assert.True(Enum.IsDefined(organisation.Sector));
        }
    }

    [Fact]
    public void Identifiers_are_unique()
    {
        var city = TestCities.Make(100_000);

        Assert.Equal(city.Persons.Count, city.Persons.Select(p => p.Id).Distinct().Count());
        Assert.Equal(city.Organisations.Count, city.Organisations.Select(o => o.Code).Distinct().Count());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(998)]
    public void Persons_sharing_a_sequence_number_differ_in_birth_date_even_in_a_city_of_800_thousand(int sequence)
    {
        // Numbers with different sequence numbers differ anyway; 800 thousands exceed the 730 days of the minors' range.
        var city = TestCities.Make(800_000);
        var persons = Enumerable.Range(0, 800).Select(t => city.Persons[(t * 1_000) + sequence]).ToList();

        Assert.All(persons, p => Assert.Equal(sequence, int.Parse(p.Id.AsSpan(14, 3), System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(800, persons.Select(p => p.BirthDate).Distinct().Count());
        Assert.All(persons, p => Assert.True(SubjectIdentifiers.Check(p.Id, Expected.EndDate).IsValid));
    }

    [Fact]
    public void Adults_are_18_to_80_and_about_one_in_a_hundred_is_a_minor_of_16_or_17()
    {
        var city = TestCities.Make(20_000);
        var ages = city.Persons.Select(p => AgeOn(p.BirthDate, Expected.EndDate)).ToList();

        Assert.All(ages, age => Assert.InRange(age, 16, 80));
        Assert.InRange(ages.Count(a => a < 18), 100, 300);
        Assert.Contains(80, ages);
        Assert.Contains(18, ages);
        Assert.InRange(ages.Count(a => a is >= 30 and < 60) / (double)ages.Count, 0.5, 0.7);
    }

    [Fact]
    public void Persons_are_made_the_same_on_every_read_and_by_index()
    {
        var city = TestCities.Small;

        Assert.Equal(city.Persons[1234], city.Persons[1234]);
        Assert.Equal(city.Persons[1234], city.Persons.ElementAt(1234));
        Assert.Equal(1234, city.Persons[1234].Index);
        Assert.Equal(city.Organisations[77], city.Organisations.ElementAt(77));
        Assert.Throws<ArgumentOutOfRangeException>(() => city.Persons[city.Persons.Count]);
        Assert.Throws<ArgumentOutOfRangeException>(() => city.Organisations[-1]);
    }

    [Fact]
    public void Men_have_odd_sequence_numbers_and_women_even_in_about_equal_numbers()
    {
        var city = TestCities.Make(2_000);
        int odd = city.Persons.Count(p => (p.Id[16] - '0') % 2 == 1);

        Assert.Equal(1_000, odd);
    }

    private static int AgeOn(DateOnly birth, DateOnly day)
    {
        int age = day.Year - birth.Year;
        return birth.AddYears(age) > day ? age - 1 : age;
    }
}
