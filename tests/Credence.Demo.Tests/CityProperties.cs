using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Credence.Demo.Tests;

public sealed class CityProperties
{
    /// <summary>Any seed, any size, any end (leap days included), one to five years: every rule holds.</summary>
    [Property(MaxTest = 25)]
    public Property Every_small_city_keeps_every_rule() =>
        Prop.ForAll(
            (from seed in Gen.Choose(int.MinValue, int.MaxValue)
             from persons in Gen.Choose(0, 400)
             from organisations in Gen.Choose(0, 60)
             from years in Gen.Choose(1, 5)
             from days in Gen.Choose(-3_000, 3_000)
             from seconds in Gen.Choose(0, 86_399)
             select new CityOptions(new DateTimeOffset(2028, 2, 29, 0, 0, 0, TimeSpan.Zero).AddDays(days).AddSeconds(seconds))
             {
                 Persons = persons,
                 Organisations = organisations,
                 Years = years,
                 Seed = seed,
             }).ToArbitrary(),
            options =>
            {
                var city = CityGenerator.Generate(options);
                var problems = CityChecks.Problems(city, city.Records(), most: 1);
                return problems.Count == 0 && city.Persons.Count == options.Persons && city.Organisations.Count == options.Organisations;
            });
}
