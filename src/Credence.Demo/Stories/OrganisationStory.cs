using Credence.Demo.Catalogue;
using Credence.Demo.Randomness;

namespace Credence.Demo.Stories;

/// <summary>
/// One organisation's three years: yearly tax settlements and ratings, late filings and arrears, the
/// inspections its sector brings (food, product quality, environment) and rectifications after them,
/// and for a few, the court defaulter list.
/// </summary>
internal static class OrganisationStory
{
    // Whether the bureau rates the organisation A at all (by tier), and then in a given year.
    private static ReadOnlySpan<double> AGradeChance => [0.35, 0.08, 0, 0];

    private const double AGradeYearly = 0.85;

    private static ReadOnlySpan<double> DefaulterChance => [0.002, 0.02, 0.12, 0.4];

    public static void Tell(StoryWriter w, Sector sector)
    {
        ref var r = ref w.Random;
        int tier = r.Pick(Conduct.OrganisationShares);
        double m = Conduct.Multipliers[tier];
        long start = w.Start, end = w.End;
        double years = CityCalendar.Years(start, end);
        bool rated = r.Chance(AGradeChance[tier]);

        // Each spring the bureau publishes last year's credit ratings (April) and settles annual returns (May).
        for (int year = CityCalendar.LocalYear(start); year <= CityCalendar.LocalYear(end); year++)
        {
            if (rated && r.Chance(AGradeYearly))
            {
                w.Write(TypeId.AGradeTaxpayer, SourceId.TaxBureau, InMonth(ref r, w, year, 4));
            }

            if (r.Chance(0.92))
            {
                w.Write(TypeId.TaxPaid, SourceId.TaxBureau, InMonth(ref r, w, year, 5));
            }
        }

        Repeat(w, r.Poisson(0.4 * m * years), TypeId.LateTaxFiling, SourceId.TaxBureau);
        int arrears = r.Poisson(0.15 * m * years);
        for (int i = 0; i < arrears; i++)
        {
            var notice = w.Write(TypeId.TaxArrears, SourceId.TaxBureau, CityCalendar.Within(ref r, start, end, 9, 17));
            if (r.Chance(0.75))
            {
                w.FollowUp(notice, TypeId.TaxPaid, SourceId.TaxBureau, notice.Reported + r.Between(10, 180) * CityCalendar.Day);
            }
        }

        int evasions = r.Poisson(0.01 * m * years);
        for (int i = 0; i < evasions; i++)
        {
            long amount = Math.Max(10_000, (long)r.LogNormal(800_000, 1.2));
            w.Write(TypeId.TaxEvasion, SourceId.TaxBureau, CityCalendar.Within(ref r, start, end, 9, 17), amount);
        }

        double quality = sector is Sector.Manufacturing or Sector.Retail ? 0.25 : 0.03;
        double food = sector switch { Sector.Food => 0.4, Sector.Retail => 0.1, _ => 0 };
        double environment = sector switch { Sector.Manufacturing or Sector.Construction => 0.2, Sector.Logistics => 0.05, _ => 0 };
        Inspections(w, r.Poisson(quality * m * years), TypeId.ProductQualityViolation, SourceId.MarketRegulator, 0.65);
        Inspections(w, r.Poisson(food * m * years), TypeId.FoodSafetyViolation, SourceId.MarketRegulator, 0.65);
        Inspections(w, r.Poisson(environment * m * years), TypeId.EnvironmentalPenalty, SourceId.EnvironmentalRegulator, 0.6);

        if (r.Chance(DefaulterChance[tier]))
        {
            var listing = w.Write(TypeId.JudgmentDefaulter, SourceId.Court, CityCalendar.Within(ref r, start, end, 9, 17));
            if (r.Chance(0.4))
            {
                w.FollowUp(listing, TypeId.JudgmentPerformed, SourceId.Court, listing.Reported + r.Between(30, 600) * CityCalendar.Day);
            }
        }
    }

    // Penalties, each followed, often, by the same regulator accepting the rectification.
    private static void Inspections(StoryWriter w, int count, TypeId type, SourceId source, double rectified)
    {
        ref var r = ref w.Random;
        for (int i = 0; i < count; i++)
        {
            long amount = type == TypeId.EnvironmentalPenalty ? Math.Max(10_000, (long)r.LogNormal(100_000, 1.0) / 1000 * 1000) : -1;
            var penalty = w.Write(type, source, CityCalendar.Within(ref r, w.Start, w.End, 9, 17), amount);
            if (r.Chance(rectified))
            {
                w.FollowUp(penalty, TypeId.RectificationCompleted, source, penalty.Reported + r.Between(15, 150) * CityCalendar.Day);
            }
        }
    }

    private static long InMonth(ref CityRandom r, StoryWriter w, int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        long from = CityCalendar.LocalMidnight(first), to = CityCalendar.LocalMidnight(first.AddMonths(1)) - 1;
        return CityCalendar.Within(ref r, from, to, 9, 17);
    }

    private static void Repeat(StoryWriter w, int count, TypeId type, SourceId source)
    {
        for (int i = 0; i < count; i++)
        {
            w.Write(type, source, CityCalendar.Within(ref w.Random, w.Start, w.End, 9, 17));
        }
    }
}
