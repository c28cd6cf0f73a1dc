using Credence.Demo.Population;
using Credence.Demo.Randomness;

namespace Credence.Demo.Stories;

/// <summary>Tells every subject's story, persons first, into a buffer: one pass over the city.</summary>
internal sealed class CityStories(long seed, People people, Organisations organisations, long start, long end)
{
    /// <summary>Writes every subject's records into the buffer (which keeps its slice of time).</summary>
    public void TellAll(EventBuffer buffer)
    {
        var writer = new StoryWriter(start, end, buffer);
        for (int i = 0; i < people.Count; i++)
        {
            TellPerson(writer, i);
        }

        for (int i = 0; i < organisations.Count; i++)
        {
            TellOrganisation(writer, i);
        }
    }

    /// <summary>Writes one person's records.</summary>
    public void TellPerson(StoryWriter writer, int index)
    {
        var sketch = people.Sketch(index);
        writer.Begin(isOrganisation: false, index, CityRandom.For(seed, Salt.PersonStory, index));
        PersonStory.Tell(writer, sketch, people.IsMinor(sketch.BirthDate));
    }

    /// <summary>Writes one organisation's records.</summary>
    public void TellOrganisation(StoryWriter writer, int index)
    {
        var (_, sector) = organisations.Sketch(index);
        writer.Begin(isOrganisation: true, index, CityRandom.For(seed, Salt.OrganisationStory, index));
        OrganisationStory.Tell(writer, sector);
    }

    /// <summary>A writer over this city's time into the given buffer.</summary>
    public StoryWriter Writer(EventBuffer buffer) => new(start, end, buffer);
}
