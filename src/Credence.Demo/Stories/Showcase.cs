using Credence.Core.Identifiers;
using Credence.Demo.Catalogue;
using Credence.Demo.Population;

namespace Credence.Demo.Stories;

/// <summary>
/// Finds, for each kind of file worth showing, the first subject that has one, scanning the city
/// from index 0. A small city may lack some; the default city has them all.
/// </summary>
/// <remarks>
/// Implementation note: the scan stops when every story is found, or after <see cref="MostScanned"/>
/// subjects of a kind, so that a story a city cannot have (no extended listing in a one-year city)
/// costs little in a large one.
/// </remarks>
internal static class Showcase
{
    /// <summary>Most persons, and most organisations, looked at.</summary>
    public const int MostScanned = 200_000;

    private const long TwoYears = 730 * CityCalendar.Day;

    private static readonly (string Story, Func<StorySummary, long, bool, bool> Fits)[] PersonStories =
    [
        ("A court defaulter who later performed the judgment", (s, _, _) => s[TypeId.JudgmentDefaulter] > 0 && s[TypeId.JudgmentPerformed] > 0 && !s.HasWithdrawal),
        ("A court defaulter whose listing was extended", (s, _, _) => s[TypeId.DefaulterTermExtended] > 0 && s[TypeId.JudgmentPerformed] == 0),
        ("A court defaulter still within the listing term", (s, end, _) => s[TypeId.JudgmentDefaulter] > 0 && s[TypeId.JudgmentPerformed] == 0
            && s[TypeId.DefaulterTermExtended] == 0 && !s.HasWithdrawal && s.LatestListing > end - TwoYears),
        ("A minor the court reported as a defaulter (the no-minors rule applies)", (s, _, minor) => minor && s[TypeId.JudgmentDefaulter] > 0),
        ("A volunteer and blood donor with no negative record", (s, _, _) => s[TypeId.Volunteering] >= 3 && s[TypeId.BloodDonation] > 0 && s.Negatives == 0),
        ("A person honoured for a heroic act", (s, _, _) => s[TypeId.HeroicAct] > 0),
        ("A person with many negative records", (s, _, _) => s.Negatives >= 30),
        ("A person whose utility arrears were paid", (s, _, _) => s[TypeId.LateUtilityFees] == 1 && s[TypeId.UtilityArrearsPaid] == 1 && s.Negatives == 1),
        ("A person with a record corrected by its source", (s, _, _) => s.HasCorrection),
        ("A person with a record withdrawn by its source", (s, _, _) => s.HasWithdrawal),
        ("A person with no records at all", (s, _, minor) => s.Versions == 0 && !minor),
    ];

    private static readonly (string Story, Func<StorySummary, bool> Fits)[] OrganisationStories =
    [
        ("An A-grade taxpayer with no negative record", s => s[TypeId.AGradeTaxpayer] >= 2 && s.Negatives == 0),
        ("A food business with food-safety violations, rectified", s => s[TypeId.FoodSafetyViolation] > 0 && s[TypeId.RectificationCompleted] > 0),
        ("A polluter with environmental penalties", s => s[TypeId.EnvironmentalPenalty] >= 2),
        ("An organisation on the court defaulter list", s => s[TypeId.JudgmentDefaulter] > 0 && s[TypeId.JudgmentPerformed] == 0 && !s.HasWithdrawal),
    ];

    public static IReadOnlyList<ShowcaseSubject> Find(CityStories stories, People people, Organisations organisations, long end)
    {
        var buffer = new EventBuffer();
        var writer = stories.Writer(buffer);
        var summary = new StorySummary();
        var persons = new ShowcaseSubject?[PersonStories.Length];
        int missing = persons.Length;
        for (int i = 0; i < Math.Min(people.Count, MostScanned) && missing > 0; i++)
        {
            buffer.Reset(long.MinValue, long.MaxValue, keep: true);
            stories.TellPerson(writer, i);
            Summarise(buffer, summary);
            bool minor = people.IsMinor(people.Sketch(i).BirthDate);
            for (int k = 0; k < PersonStories.Length; k++)
            {
                if (persons[k] is null && PersonStories[k].Fits(summary, end, minor))
                {
                    persons[k] = new ShowcaseSubject(PersonStories[k].Story, SubjectKind.Person, people[i].Id, i);
                    missing--;
                }
            }
        }

        var companies = new ShowcaseSubject?[OrganisationStories.Length];
        missing = companies.Length;
        for (int i = 0; i < Math.Min(organisations.Count, MostScanned) && missing > 0; i++)
        {
            buffer.Reset(long.MinValue, long.MaxValue, keep: true);
            stories.TellOrganisation(writer, i);
            Summarise(buffer, summary);
            for (int k = 0; k < OrganisationStories.Length; k++)
            {
                if (companies[k] is null && OrganisationStories[k].Fits(summary))
                {
                    companies[k] = new ShowcaseSubject(OrganisationStories[k].Story, SubjectKind.Organisation, organisations[i].Code, i);
                    missing--;
                }
            }
        }

        return [.. persons.Concat(companies).OfType<ShowcaseSubject>()];
    }

    private static void Summarise(EventBuffer buffer, StorySummary summary)
    {
        summary.Clear();
        foreach (ref readonly var e in buffer.Items)
        {
            summary.Add(e);
        }
    }
}
