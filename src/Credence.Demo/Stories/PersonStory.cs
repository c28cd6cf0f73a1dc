using Credence.Demo.Catalogue;
using Credence.Demo.Population;
using Credence.Demo.Randomness;

namespace Credence.Demo.Stories;

/// <summary>
/// One person's three years: traffic and fares, bills and cards, loans, courts, and for about one
/// person in five volunteering, blood donation or gifts.
/// </summary>
/// <remarks>
/// Rates are per year at the ordinary tier and scale with <see cref="Conduct"/>. Contracts (cards,
/// loans, supply) and blood donation start at 18; fares, traffic (e-bikes) and volunteering do not.
/// About 3% of minors are reported by the court as defaulters all the same, which the policy's
/// no-minors rule must refuse to list.
/// </remarks>
internal static class PersonStory
{
    private static ReadOnlySpan<double> DefaulterChance => [0.0003, 0.006, 0.05, 0.3];

    private static ReadOnlySpan<double> ArrearsPaidChance => [0.98, 0.9, 0.75, 0.5];

    public static void Tell(StoryWriter w, PersonSketch person, bool minor)
    {
        ref var r = ref w.Random;
        // Civic habits go together, and with care: volunteers give blood and money more often, and
        // break fewer rules; that is where the top grades come from.
        bool volunteer = r.Chance(0.10);
        int tier = r.Pick(volunteer ? Conduct.CivicPersonShares : Conduct.PersonShares);
        double m = Conduct.Multipliers[tier];
        bool bloodDonor = r.Chance(volunteer ? 0.3 : 0.035);
        bool giver = r.Chance(volunteer ? 0.3 : 0.06);
        bool hero = r.Chance(0.0005);
        bool driver = r.Chance(minor ? 0.2 : 0.55);
        bool cardholder = r.Chance(0.6);
        bool borrower = r.Chance(0.35);

        long start = w.Start, end = w.End;
        long adultFrom = Math.Max(start, CityCalendar.UtcMidnight(person.BirthDate.AddYears(18)));
        double years = CityCalendar.Years(start, end), adultYears = CityCalendar.Years(adultFrom, end);

        Repeat(w, r.Poisson(0.15 * m * years), TypeId.FareEvasion, SourceId.TransitAuthority, start, end, 6, 23);
        if (driver)
        {
            Repeat(w, r.Poisson(1.6 * m * years), TypeId.TrafficViolation, SourceId.TransitAuthority, start, end, 7, 22);
        }

        if (volunteer)
        {
            double perYear = r.LogNormal(6, 0.6);
            Repeat(w, r.Poisson(perYear * years), TypeId.Volunteering, SourceId.CharityFederation, start, end, 8, 18);
        }

        if (adultYears > 0)
        {
            Adult(w, tier, m, cardholder, borrower, adultFrom, adultYears);
            if (bloodDonor && person.BirthDate.AddYears(60) > CityCalendar.LocalDate(end))
            {
                BloodDonations(w, adultFrom);
            }

            if (giver)
            {
                int gifts = r.Poisson(1.5 * adultYears);
                for (int i = 0; i < gifts; i++)
                {
                    long amount = Math.Max(10, (long)(r.LogNormal(300, 1.3) / 10) * 10);
                    w.Write(TypeId.CharitableDonation, SourceId.CharityFederation, CityCalendar.Within(ref r, adultFrom, end, 9, 21), amount);
                }
            }

            if (hero)
            {
                w.Write(TypeId.HeroicAct, SourceId.CharityFederation, CityCalendar.Within(ref r, adultFrom, end, 6, 23));
            }
        }
        else if (minor && r.Chance(0.03))
        {
            w.Write(TypeId.JudgmentDefaulter, SourceId.Court, CityCalendar.Within(ref r, start, end, 9, 17));
        }
    }

    private static void Adult(StoryWriter w, int tier, double m, bool cardholder, bool borrower, long from, double years)
    {
        ref var r = ref w.Random;
        long end = w.End;
        if (cardholder)
        {
            Repeat(w, r.Poisson(0.5 * m * years), TypeId.LateCreditCardPayment, SourceId.CityBank, from, end, 0, 24);
        }

        int arrears = r.Poisson(0.9 * m * years);
        for (int i = 0; i < arrears; i++)
        {
            var notice = w.Write(TypeId.LateUtilityFees, SourceId.Utilities, CityCalendar.Within(ref r, from, end, 9, 17));
            if (r.Chance(ArrearsPaidChance[tier]))
            {
                w.FollowUp(notice, TypeId.UtilityArrearsPaid, SourceId.Utilities, notice.Reported + r.Between(3, 90) * CityCalendar.Day);
            }
        }

        if (borrower)
        {
            Repeat(w, r.Poisson(0.25 * years), TypeId.LoanRepaid, SourceId.CityBank, from, end, 9, 17);
            int defaults = r.Poisson(0.05 * m * years);
            for (int i = 0; i < defaults; i++)
            {
                var loan = w.Write(TypeId.LoanContractDefault, SourceId.CityBank, CityCalendar.Within(ref r, from, end, 9, 17));
                if (r.Chance(0.35))
                {
                    w.FollowUp(loan, TypeId.LoanRepaid, SourceId.CityBank, loan.Reported + r.Between(30, 365) * CityCalendar.Day);
                }
            }
        }

        Repeat(w, r.Poisson(0.02 * m * years), TypeId.BreachOfContractJudgment, SourceId.Court, from, end, 9, 17);
        Repeat(w, r.Poisson(0.005 * m * years), TypeId.UtilityTheft, SourceId.Utilities, from, end, 9, 17);
        Repeat(w, r.Poisson(0.003 * m * years), TypeId.PublicUtilityDamage, SourceId.Utilities, from, end, 9, 17);
        int evasions = r.Poisson(0.002 * m * years);
        for (int i = 0; i < evasions; i++)
        {
            long amount = Math.Max(5_000, (long)r.LogNormal(120_000, 1.0));
            w.Write(TypeId.TaxEvasion, SourceId.TaxBureau, CityCalendar.Within(ref r, from, end, 9, 17), amount);
        }

        if (r.Chance(DefaulterChance[tier]))
        {
            Defaulter(w, from);
            if (tier == Conduct.Worst && r.Chance(0.2))
            {
                Defaulter(w, from);
            }
        }
    }

    // A court defaulter: usually a judgment first; then the judgment performed, or the term extended.
    private static void Defaulter(StoryWriter w, long from)
    {
        ref var r = ref w.Random;
        long listed = CityCalendar.Within(ref r, from, w.End, 9, 17);
        if (r.Chance(0.7))
        {
            w.Write(TypeId.BreachOfContractJudgment, SourceId.Court, listed - r.Between(30, 240) * CityCalendar.Day);
        }

        var listing = w.Write(TypeId.JudgmentDefaulter, SourceId.Court, listed);
        double outcome = r.NextDouble();
        if (outcome < 0.45)
        {
            w.FollowUp(listing, TypeId.JudgmentPerformed, SourceId.Court, listing.Reported + r.Between(20, 600) * CityCalendar.Day);
        }
        else if (outcome < 0.65)
        {
            // Extended before the two-year term runs out; some pay in the end.
            var extension = w.FollowUp(listing, TypeId.DefaulterTermExtended, SourceId.Court, listed + r.Between(600, 720) * CityCalendar.Day);
            if (extension.Stands && r.Chance(0.3))
            {
                w.FollowUp(listing, TypeId.JudgmentPerformed, SourceId.Court, extension.Reported + r.Between(30, 300) * CityCalendar.Day);
            }
        }
    }

    private static void BloodDonations(StoryWriter w, long from)
    {
        ref var r = ref w.Random;
        long at = from + r.Between(0, 180) * CityCalendar.Day;
        while (at <= w.End)
        {
            w.Write(TypeId.BloodDonation, SourceId.CharityFederation, CityCalendar.Within(ref r, at, Math.Min(at + CityCalendar.Day, w.End), 8, 17));
            at += r.Between(180, 300) * CityCalendar.Day; // whole blood: at least six months apart
        }
    }

    private static void Repeat(StoryWriter w, int count, TypeId type, SourceId source, long from, long to, int fromHour, int toHour)
    {
        for (int i = 0; i < count; i++)
        {
            w.Write(type, source, CityCalendar.Within(ref w.Random, from, to, fromHour, toHour));
        }
    }
}
