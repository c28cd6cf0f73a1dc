using Credence.Demo.Catalogue;
using Credence.Demo.Randomness;

namespace Credence.Demo.Stories;

/// <summary>
/// Writes the records of one subject's story into an <see cref="EventBuffer"/>: stamps the reporting
/// delay, drops what would be reported after the end, and now and then has the source correct or
/// withdraw a record.
/// </summary>
/// <remarks>
/// Implementation note: one writer serves a whole pass and is reset per subject, so a pass allocates
/// nothing per record. Every draw comes from the subject's own stream, so a subject's story is the
/// same in every pass, whichever slice of time the buffer keeps.
/// </remarks>
internal sealed class StoryWriter(long start, long end, EventBuffer sink)
{
    /// <summary>Share of first-hand records that their source later corrects or withdraws.</summary>
    public const double RevisionChance = 0.005;

    /// <summary>Share of those revisions that are withdrawals.</summary>
    public const double WithdrawalShare = 0.4;

    private CityRandom random;
    private int subject;
    private bool organisation;
    private int ordinal;

    /// <summary>The first instant of the city's time (Unix seconds).</summary>
    public long Start => start;

    /// <summary>The last instant of the city's time (Unix seconds).</summary>
    public long End => end;

    /// <summary>The current subject's random stream.</summary>
    public ref CityRandom Random => ref random;

    /// <summary>Starts a subject's story.</summary>
    public void Begin(bool isOrganisation, int index, CityRandom stream)
    {
        organisation = isOrganisation;
        subject = index;
        random = stream;
        ordinal = 0;
    }

    /// <summary>A record of a new fact; its source may revise it later.</summary>
    public Written Write(TypeId type, SourceId source, long occurred, long quantity = -1) =>
        Write(type, source, occurred, quantity, follows: null);

    /// <summary>A record that follows up another (payment of arrears, performance of a judgment); its legal basis cites the first.</summary>
    public Written FollowUp(Written first, TypeId type, SourceId source, long occurred) =>
        first.Stands ? Write(type, source, occurred, -1, first) : Written.None;

    private Written Write(TypeId type, SourceId source, long occurred, long quantity, Written? follows)
    {
        int own = ordinal++;
        if (occurred < start || occurred > end)
        {
            return Written.None;
        }

        long reported = occurred + Delays.Draw(ref random, source);
        if (reported > end)
        {
            return Written.None;
        }

        var item = new CityEvent
        {
            Reported = reported,
            Occurred = occurred,
            Anchor = follows?.Occurred ?? occurred,
            Quantity = quantity,
            Subject = subject,
            Ordinal = own,
            Reference = follows?.Ordinal ?? own,
            Type = type,
            Source = source,
            Version = 1,
            IsOrganisation = organisation,
        };

        bool withdrawn = false;
        if (follows is null && random.Chance(RevisionChance))
        {
            withdrawn = random.Chance(WithdrawalShare);
            long revised = reported + CityCalendar.Hour + (long)(60 * CityCalendar.Day * random.Skewed());
            if (revised <= end)
            {
                item.Revised = true;
                sink.Add(item);
                sink.Add(Revise(item, revised, withdrawn));
                return new Written(own, occurred, reported, withdrawn);
            }

            withdrawn = false;
        }

        sink.Add(item);
        return new Written(own, occurred, reported, withdrawn);
    }

    private CityEvent Revise(CityEvent first, long reported, bool withdrawn)
    {
        var second = first;
        second.Version = 2;
        second.Revised = false;
        second.Withdrawn = withdrawn;
        second.Reported = reported;
        if (!withdrawn)
        {
            if (first.Quantity >= 0)
            {
                // The amount was wrong: off by a tenth to a third either way.
                double factor = 1 + ((random.Chance(0.5) ? 1 : -1) * (0.1 + (0.23 * random.NextDouble())));
                second.Quantity = Math.Max(1, (long)(first.Quantity * factor));
            }
            else
            {
                // The date was wrong: one to three days earlier, or later when that leaves the city's time.
                long earlier = first.Occurred - random.Between(1, 3) * CityCalendar.Day;
                second.Occurred = earlier >= start ? earlier : first.Occurred + ((first.Reported - first.Occurred) / 2);
            }
        }

        return second;
    }
}
