using Credence.Core.Identifiers;

namespace Credence.Demo.Tests;

/// <summary>The city looks like a city: skewed negatives, court defaulters, positives, clean files.</summary>
public sealed class MixTests(MixTests.TenThousand city) : IClassFixture<MixTests.TenThousand>
{
    [Fact]
    public void About_one_to_two_percent_of_persons_are_court_defaulters_and_some_perform_or_are_extended()
    {
        int defaulters = city.PersonsWith("judgment-defaulter");

        Assert.InRange(defaulters, 80, 250);
        Assert.InRange(city.PersonsWith("judgment-defaulter", "judgment-performed"), 10, defaulters);
        Assert.InRange(city.PersonsWith("judgment-defaulter", "defaulter-term-extended"), 1, defaulters / 3);
    }

    [Fact]
    public void About_a_fifth_of_persons_have_positive_social_records()
    {
        int positive = city.Persons.Values.Count(types =>
            types.Contains("volunteering") || types.Contains("blood-donation") || types.Contains("charitable-donation") || types.Contains("heroic-act"));

        Assert.InRange(positive / 10_000.0, 0.15, 0.28);
        Assert.True(city.PersonsWith("volunteering") > city.PersonsWith("blood-donation"));
    }

    [Fact]
    public void Many_persons_have_no_record_at_all()
    {
        int withRecords = city.Persons.Count;

        Assert.InRange((10_000 - withRecords) / 10_000.0, 0.1, 0.35);
    }

    [Fact]
    public void Most_persons_have_few_or_no_negative_records_and_a_few_have_many()
    {
        var negatives = city.Persons.Values.Select(types => types.Count(Expected.IsNegative)).ToList();
        negatives.AddRange(Enumerable.Repeat(0, 10_000 - negatives.Count));
        negatives.Sort();
        long total = negatives.Sum(n => (long)n);

        Assert.InRange(negatives[5_000], 0, 2);
        Assert.True(negatives[^1] >= 40, $"the worst file has {negatives[^1]} negative records");
        Assert.True(negatives.TakeLast(500).Sum() > total * 0.3, "the worst 5% hold more than 30% of negative records");
    }

    [Fact]
    public void Utility_arrears_are_mostly_paid()
    {
        Assert.InRange(city.Count("utility-arrears-paid") / (double)city.Count("late-utility-fees"), 0.6, 0.95);
    }

    [Fact]
    public void Organisations_have_a_few_records_each_with_ratings_settlements_and_some_defaulters()
    {
        Assert.InRange(city.OrganisationRecords / 1_000.0, 3, 10);
        Assert.InRange(city.OrganisationsWith("a-grade-taxpayer"), 150, 400);
        Assert.InRange(city.OrganisationsWith("judgment-defaulter"), 5, 60);
        Assert.True(city.OrganisationsWith("food-safety-violation", "rectification-completed") > 0);
        Assert.True(city.OrganisationsWith("environmental-penalty") > 0);
    }

    [Fact]
    public void Every_record_type_of_both_policies_occurs()
    {
        var types = city.Persons.Values.Concat(city.Organisations.Values).SelectMany(t => t).ToHashSet();

        Assert.Superset(Expected.PersonTypes.Keys.Concat(Expected.OrganisationTypes.Keys).ToHashSet(), types);
    }

    /// <summary>A city of 10,000 persons, summarised once: each subject's record types (submissions only).</summary>
    public sealed class TenThousand
    {
        public TenThousand()
        {
            var made = TestCities.Make(10_000);
            foreach (var (_, line) in made.Records().Where(r => r.Line.Version == 1))
            {
                var kind = CityChecks.KindOf(made, line.Subject!);
                var files = kind == SubjectKind.Person ? Persons : Organisations;
                if (!files.TryGetValue(line.Subject!, out var types))
                {
                    files[line.Subject!] = types = [];
                }

                types.Add(line.Type!);
                Counts[line.Type!] = Counts.GetValueOrDefault(line.Type!) + 1;
                OrganisationRecords += kind == SubjectKind.Organisation ? 1 : 0;
            }
        }

        public Dictionary<string, List<string>> Persons { get; } = [];

        public Dictionary<string, List<string>> Organisations { get; } = [];

        public Dictionary<string, int> Counts { get; } = [];

        public int OrganisationRecords { get; }

        public int Count(string type) => Counts.GetValueOrDefault(type);

        public int PersonsWith(params string[] types) => Persons.Values.Count(t => types.All(t.Contains));

        public int OrganisationsWith(params string[] types) => Organisations.Values.Count(t => types.All(t.Contains));
    }
}
