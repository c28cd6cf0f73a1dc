using System.Collections;
using Credence.Core.Identifiers;
using Credence.Demo.Catalogue;
using Credence.Demo.Randomness;

namespace Credence.Demo.Population;

/// <summary>
/// The city's persons, made on demand from their index: nothing is stored, and person i is the same
/// whichever persons were made before.
/// </summary>
/// <remarks>
/// <para>
/// Ages are 18–80 on the end date, weighted like an adult population, except about 1% who are 16 or 17
/// (minors, whom the court-defaulter rule of the <c>prc-credit-repair</c> profile protects).
/// </para>
/// <para>
/// Implementation note: identity numbers are unique by construction, with no set of numbers drawn so
/// far. Person i has sequence number i mod 1000 (odd for men, even for women, as the standard has it)
/// and a birth date whose day, counted from the start of its age range, is congruent to i / 1000
/// modulo the number of thousands in the city. Two persons with the same sequence are in different
/// thousands, so their birth dates differ, and so do their numbers. The shift this makes is less than
/// that many days (100 days for the default city). It needs fewer thousands than days in the adult
/// range, hence the limit of 20 million persons; in cities of more than 730,000 some persons who would
/// have been minors are adults instead.
/// </para>
/// </remarks>
internal sealed class People : IReadOnlyList<CityPerson>
{
    /// <summary>Most persons a city can hold (see the remarks).</summary>
    public const int MaxCount = 20_000_000;

    private const int SequencesPerDay = 1000;

    // Ages 18–29, 30–39, ..., 70–80 on the end date.
    private static readonly int[] BandFrom = [18, 30, 40, 50, 60, 70];
    private static readonly int[] BandTo = [29, 39, 49, 59, 69, 80];
    private static readonly double[] BandWeights = [18, 20, 19, 21, 15, 7];

    private readonly long seed;
    private readonly DateOnly endDate;
    private readonly DateOnly adultEarliest;
    private readonly DateOnly minorEarliest;
    private readonly int adultDays;
    private readonly int minorDays;
    private readonly int thousands;

    public People(long seed, int count, DateOnly endDate)
    {
        this.seed = seed;
        this.endDate = endDate;
        Count = count;
        adultEarliest = endDate.AddYears(-81).AddDays(1);
        minorEarliest = endDate.AddYears(-18).AddDays(1);
        adultDays = endDate.AddYears(-18).DayNumber - adultEarliest.DayNumber + 1;
        minorDays = endDate.AddYears(-16).DayNumber - minorEarliest.DayNumber + 1;
        thousands = Math.Max(1, (count + SequencesPerDay - 1) / SequencesPerDay);
    }

    public int Count { get; }

    public CityPerson this[int index]
    {
        get
        {
            var sketch = Sketch(index);
            return new CityPerson(index, IdOf(sketch), sketch.BirthDate, sketch.Region.Code);
        }
    }

    /// <summary>Whether a person born on that day is under 18 on the end date.</summary>
    public bool IsMinor(DateOnly birthDate) => birthDate >= minorEarliest;

    /// <summary>The person's region, birth date and sequence number.</summary>
    public PersonSketch Sketch(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var random = CityRandom.For(seed, Salt.Person, index);
        int thousand = index / SequencesPerDay, sequence = index % SequencesPerDay;
        var region = Regions.All[random.Pick(Regions.PersonWeights)];
        bool minor = random.Chance(0.01) && thousand < minorDays;
        int drawn = random.Next(365);
        DateOnly birthDate;
        if (minor)
        {
            birthDate = minorEarliest.AddDays(Align(random.Next(minorDays), thousand, minorDays));
        }
        else
        {
            int band = random.Pick(BandWeights);
            int age = (int)random.Between(BandFrom[band], BandTo[band]);
            int offset = endDate.AddYears(-age).AddDays(-drawn).DayNumber - adultEarliest.DayNumber;
            birthDate = adultEarliest.AddDays(Align(Math.Clamp(offset, 0, adultDays - 1), thousand, adultDays));
        }

        return new PersonSketch(region, birthDate, sequence);
    }

    /// <summary>The identity number of a sketched person.</summary>
    public static string IdOf(PersonSketch sketch) =>
        ResidentIdentityNumber.Create(sketch.Region.Code, sketch.BirthDate, sketch.Sequence);

    public IEnumerator<CityPerson> GetEnumerator()
    {
        for (int i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // The day in [0, days) nearest below `day` that is congruent to `thousand` modulo the number of
    // thousands (or `thousand` itself when there are more thousands than days, for the minor range).
    private int Align(int day, int thousand, int days)
    {
        int aligned = day - (day % thousands) + thousand;
        return aligned < days ? aligned : aligned - thousands;
    }
}
