using Credence.Demo.Population;

namespace Credence.Demo.Stories;

/// <summary>Finds the persons no source ever reports on, scanning the city from index 0.</summary>
internal static class QuietPersons
{
    /// <summary>The persons with no record in the city's history, in index order, made lazily.</summary>
    public static IEnumerable<CityPerson> Find(CityStories stories, People people)
    {
        var buffer = new EventBuffer();
        var writer = stories.Writer(buffer);
        for (int i = 0; i < people.Count; i++)
        {
            buffer.Reset(long.MinValue, long.MaxValue, keep: true);
            stories.TellPerson(writer, i);
            if (buffer.Count == 0)
            {
                yield return people[i];
            }
        }
    }
}
