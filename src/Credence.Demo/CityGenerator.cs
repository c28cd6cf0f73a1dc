using Credence.Demo.Output;
using Credence.Demo.Population;
using Credence.Demo.Stories;

namespace Credence.Demo;

/// <summary>Makes the synthetic city of <c>credence demo</c>. Pure: no clock, no I/O, no shared state.</summary>
public static class CityGenerator
{
    /// <summary>Most years a city may cover.</summary>
    public const int MaxYears = 10;

    /// <summary>
    /// Makes the city the options describe; the same options always make the same city. Fails with an
    /// <see cref="ArgumentOutOfRangeException"/> naming the option when an option is out of range.
    /// </summary>
    public static City Generate(CityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Check(options.Persons, 0, People.MaxCount, nameof(options.Persons), "persons");
        Check(options.Organisations, 0, Population.Organisations.MaxCount, nameof(options.Organisations), "organisations");
        Check(options.Years, 1, MaxYears, nameof(options.Years), "years");
        var end = options.End.ToUniversalTime();
        end = new DateTimeOffset(end.UtcTicks - (end.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        if (end.Year is < 1990 or > 2100)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.End, "The city's end must fall in the years 1990 to 2100.");
        }

        var start = end.AddYears(-options.Years);
        long startSeconds = start.ToUnixTimeSeconds(), endSeconds = end.ToUnixTimeSeconds();
        var people = new People(options.Seed, options.Persons, DateOnly.FromDateTime(end.UtcDateTime));
        var organisations = new Organisations(options.Seed, options.Organisations);
        var stories = new CityStories(options.Seed, people, organisations, startSeconds, endSeconds);
        var stream = new RecordStream(stories, people, organisations, options.Seed, startSeconds, endSeconds);
        var showcase = Showcase.Find(stories, people, organisations, endSeconds);
        return new City(options, start, end, people, organisations, stories, stream, stream.Estimate(), showcase);
    }

    private static void Check(int value, int min, int max, string name, string what)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"A city has {min:N0} to {max:N0} {what}; {value:N0} is out of range.");
        }
    }
}
