using Credence.Demo.Output;
using Credence.Demo.Population;
using Credence.Demo.Stories;

namespace Credence.Demo;

/// <summary>
/// A synthetic city: its sources, persons and organisations, and the records the sources report
/// about them over the years before <see cref="End"/>. Made by <see cref="CityGenerator.Generate"/>.
/// </summary>
/// <remarks>
/// Nothing is stored: persons, organisations and records are made again from the seed whenever they
/// are read, the same every time. Reading <see cref="Records()"/> twice gives the same records twice.
/// </remarks>
public sealed class City
{
    private readonly RecordStream stream;
    private readonly CityStories stories;
    private readonly People people;

    internal City(CityOptions options, DateTimeOffset start, DateTimeOffset end, People persons, Organisations organisations,
        CityStories stories, RecordStream stream, long estimatedRecords, IReadOnlyList<ShowcaseSubject> showcase)
    {
        people = persons;
        this.stories = stories;
        Options = options;
        Start = start;
        End = end;
        Persons = persons;
        Organisations = organisations;
        this.stream = stream;
        EstimatedRecords = estimatedRecords;
        Showcase = showcase;
    }

    /// <summary>The options the city was made with.</summary>
    public CityOptions Options { get; }

    /// <summary>The first instant of the city's time: <see cref="End"/> less the years.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>The last instant (UTC, whole seconds): nothing occurs or is reported after it.</summary>
    public DateTimeOffset End { get; }

    /// <summary>The eight sources, each with the record types it submits.</summary>
    public IReadOnlyList<CitySource> Sources { get; } = Catalogue.Sources.All;

    /// <summary>The residents, made on demand (indexing is cheap; nothing is held).</summary>
    public IReadOnlyList<CityPerson> Persons { get; }

    /// <summary>The organisations, made on demand.</summary>
    public IReadOnlyList<CityOrganisation> Organisations { get; }

    /// <summary>About how many record versions <see cref="Records()"/> gives (within a few percent), for progress.</summary>
    public long EstimatedRecords { get; }

    /// <summary>Subjects whose files show the registry at work (defaulters, volunteers, corrections), for the demo's keys.</summary>
    public IReadOnlyList<ShowcaseSubject> Showcase { get; }

    /// <summary>
    /// The persons (minors included) about whom no source reports anything in the city's history, in
    /// index order: a blank file, for the demo to write a story of its own on. Lazy and the same on
    /// every read; each person costs the telling of its story.
    /// </summary>
    public IEnumerable<CityPerson> QuietPersons() => Stories.QuietPersons.Find(stories, people);

    /// <summary>
    /// Every record version, in the order sources reported them (by <see cref="Core.Intake.RecordLine.Reported"/>):
    /// a correction or withdrawal always after the submission it revises. Lazy: at most one slice of
    /// about 1.5 million records is held at a time, as 32-byte events.
    /// </summary>
    public IEnumerable<CityRecord> Records() => stream.Records(EstimatedRecords);

    /// <summary>The same records, made in slices of about <paramref name="sliceSize"/> (for tests of the slicing).</summary>
    internal IEnumerable<CityRecord> Records(int sliceSize) => stream.Records(EstimatedRecords, sliceSize);

    /// <summary>The records of <see cref="Records()"/> in per-source batches of at most <paramref name="maxLines"/> lines.</summary>
    public IEnumerable<CityBatch> Batches(int maxLines = 1000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLines, 1);
        return RecordStream.Batches(Records(), maxLines);
    }
}
