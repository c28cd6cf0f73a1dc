using Credence.Core.Identifiers;
using Credence.Core.Intake;

namespace Credence.Demo.Tests;

public sealed class ShowcaseTests
{
    private static readonly Dictionary<string, Func<List<RecordLine>, bool>> Fits = new()
    {
        ["A court defaulter who later performed the judgment"] = r => Has(r, "judgment-defaulter") && Has(r, "judgment-performed"),
        ["A court defaulter whose listing was extended"] = r => Has(r, "defaulter-term-extended"),
        ["A court defaulter still within the listing term"] = r => Has(r, "judgment-defaulter") && !Has(r, "judgment-performed"),
        ["A minor the court reported as a defaulter (the no-minors rule applies)"] = r => Has(r, "judgment-defaulter"),
        ["A volunteer and blood donor with no negative record"] = r => Has(r, "volunteering") && Has(r, "blood-donation") && !r.Any(l => Expected.IsNegative(l.Type!)),
        ["A person honoured for a heroic act"] = r => Has(r, "heroic-act"),
        ["A person with many negative records"] = r => r.Count(l => Expected.IsNegative(l.Type!)) >= 30,
        ["A person whose utility arrears were paid"] = r => Has(r, "late-utility-fees") && Has(r, "utility-arrears-paid"),
        ["A person with a record corrected by its source"] = r => r.Any(l => l.Action == "corrected"),
        ["A person with a record withdrawn by its source"] = r => r.Any(l => l.Action == "withdrawn"),
        ["A person with no records at all"] = r => r.Count == 0,
        ["An A-grade taxpayer with no negative record"] = r => Has(r, "a-grade-taxpayer") && !r.Any(l => Expected.IsNegative(l.Type!)),
        ["A food business with food-safety violations, rectified"] = r => Has(r, "food-safety-violation") && Has(r, "rectification-completed"),
        ["A polluter with environmental penalties"] = r => r.Count(l => l.Type == "environmental-penalty") >= 2,
        ["An organisation on the court defaulter list"] = r => Has(r, "judgment-defaulter"),
    };

    [Fact]
    public void The_default_city_has_a_subject_for_every_story()
    {
        var city = CityGenerator.Generate(new CityOptions(Expected.End));

        Assert.Equal(Fits.Keys.Order(), city.Showcase.Select(s => s.Story).Order());
        Assert.Equal(11, city.Showcase.Count(s => s.Kind == SubjectKind.Person));
    }

    [Fact]
    public void Each_showcase_subject_has_the_records_its_story_tells()
    {
        var city = TestCities.Make(5_000);
        var files = city.Showcase.Select(s => s.Subject).Distinct().ToDictionary(s => s, _ => new List<RecordLine>());
        foreach (var (_, line) in city.Records())
        {
            files.GetValueOrDefault(line.Subject!)?.Add(line);
        }

        Assert.True(city.Showcase.Count >= 12, $"only {city.Showcase.Count} stories found");
        foreach (var subject in city.Showcase)
        {
            Assert.True(Fits[subject.Story](files[subject.Subject]), subject.ToString());
            string expected = subject.Kind == SubjectKind.Person ? city.Persons[subject.Index].Id : city.Organisations[subject.Index].Code;
            Assert.Equal(expected, subject.Subject);
        }
    }

    [Fact]
    public void The_minor_in_the_showcase_is_under_18_at_the_end()
    {
        var city = CityGenerator.Generate(new CityOptions(Expected.End));
        var minor = Assert.Single(city.Showcase, s => s.Story.Contains("minor", StringComparison.Ordinal));

        Assert.True(city.Persons[minor.Index].BirthDate.AddYears(18) > Expected.EndDate);
    }

    private static bool Has(List<RecordLine> lines, string type) => lines.Any(l => l.Type == type && l.Version == 1);
}
