using Credence.Core.Intake;
using Credence.Demo.Catalogue;
using Credence.Demo.Population;
using Credence.Demo.Stories;

namespace Credence.Demo.Output;

/// <summary>
/// Hands the city's records out in the order their sources reported them, holding one slice of time
/// at a time.
/// </summary>
/// <remarks>
/// Implementation note: stories are told subject by subject, but records come out by time. Sorting
/// them takes them all in memory, at 32 bytes a record: fine for the default city, too much for a
/// large one. So the city's time is cut into slices of about <see cref="SliceSize"/> records (one
/// slice for the default city), and for each slice every story is told again (cheap: no strings are
/// made) and only the records reported in that slice are kept, sorted and written out. A subject's story draws from its own random stream, so it is the same in every pass.
/// </remarks>
internal sealed class RecordStream(CityStories stories, People people, Organisations organisations, long seed, long start, long end)
{
    /// <summary>About how many records one slice holds.</summary>
    public const int SliceSize = 1_500_000;

    /// <summary>Every record version, by reported instant.</summary>
    public IEnumerable<CityRecord> Records(long estimated, int sliceSize = SliceSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sliceSize, 1);
        int slices = (int)Math.Clamp((estimated + sliceSize - 1) / sliceSize, 1, 64);
        var buffer = new EventBuffer((int)Math.Min(int.MaxValue / 64, (estimated / slices) + (estimated / slices / 16) + 1024));
        var writer = new LineWriter(people, organisations, new LegalBasis(seed));
        long span = end - start + 1;
        for (int s = 0; s < slices; s++)
        {
            buffer.Reset(start + (span * s / slices), start + (span * (s + 1) / slices), keep: true);
            stories.TellAll(buffer);
            buffer.Sort();
            for (int i = 0; i < buffer.Count; i++)
            {
                yield return writer.Write(buffer.Items[i]);
            }
        }
    }

    /// <summary>
    /// The same records grouped into per-source batches of at most <paramref name="maxLines"/> lines;
    /// each source's batches keep its order, so a revision never comes before its submission.
    /// </summary>
    public static IEnumerable<CityBatch> Batches(IEnumerable<CityRecord> records, int maxLines)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLines, 1);
        var pending = Sources.All.Select(_ => new List<RecordLine>()).ToArray();
        var index = Sources.All.Select((source, i) => (source.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        foreach (var (sourceId, line) in records)
        {
            var lines = pending[index[sourceId]];
            lines.Add(line);
            if (lines.Count == maxLines)
            {
                yield return new CityBatch(sourceId, [.. lines]);
                lines.Clear();
            }
        }

        for (int i = 0; i < pending.Length; i++)
        {
            if (pending[i].Count > 0)
            {
                yield return new CityBatch(Sources.All[i].Id, [.. pending[i]]);
            }
        }
    }

    /// <summary>
    /// Records estimated from a sample of subjects spread evenly over the city (exact for cities of up
    /// to 10,000 persons and 2,000 organisations); for progress bars.
    /// </summary>
    public long Estimate()
    {
        var buffer = new EventBuffer();
        var writer = stories.Writer(buffer);
        buffer.Reset(long.MinValue, long.MaxValue, keep: false);
        double persons = Sample(people.Count, 10_000, i => stories.TellPerson(writer, i), buffer);
        buffer.Reset(long.MinValue, long.MaxValue, keep: false);
        double companies = Sample(organisations.Count, 2_000, i => stories.TellOrganisation(writer, i), buffer);
        return (long)Math.Round(persons + companies);
    }

    private static double Sample(int count, int most, Action<int> tell, EventBuffer buffer)
    {
        int taken = Math.Min(count, most);
        for (int t = 0; t < taken; t++)
        {
            tell((int)((long)t * count / taken));
        }

        return taken == 0 ? 0 : buffer.Seen * (double)count / taken;
    }
}
