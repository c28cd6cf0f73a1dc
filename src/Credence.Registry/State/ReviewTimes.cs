using Credence.Core.DueProcess;
using Credence.Core.Policies;
using Credence.Core.Records;

namespace Credence.Registry.State;

/// <summary>
/// The earliest instant after now at which a subject's stored outcome may change without a new
/// record, or a transition falls due: a record's effect ends, a list term (with its extensions)
/// runs out, a negative record leaves a "no negative record within" window, one of these ends is
/// seven days away (its approaching-expiry notice), or an open dispute reaches its deadline. The stored state is recomputed then, so the
/// public lists and the summary stay exact without a batch job.
/// </summary>
/// <remarks>
/// Implementation note: a decaying record changes the score continuously; its grade can cross a band
/// between these instants. Files, decisions and organisation lookups evaluate as of the request and
/// are exact; the stored state of such a subject is exact at each of these instants and when its
/// records change.
/// </remarks>
internal static class ReviewTimes
{
    /// <summary>How far from <c>within</c> added to the occurrence a window's end is searched for.</summary>
    private const long SearchSpan = TimeSpan.TicksPerDay * 4;

    /// <param name="deadlines">The deadlines of the subject's open disputes.</param>
    public static DateTimeOffset Next(Policy policy, IReadOnlyList<Record> records, DateTimeOffset now, IReadOnlyList<DateTimeOffset>? deadlines = null)
    {
        var next = DateTimeOffset.MaxValue;
        void At(DateTimeOffset at)
        {
            if (at > now && at < next)
            {
                next = at;
            }
        }

        // An end is also announced Transitions.NoticeDays before it (an approaching-expiry notice).
        void Consider(DateTimeOffset at)
        {
            At(at);
            if (at > DateTimeOffset.MinValue.AddDays(Transitions.NoticeDays))
            {
                At(at.AddDays(-Transitions.NoticeDays));
            }
        }

        foreach (var deadline in deadlines ?? [])
        {
            At(deadline);
        }

        foreach (var r in records)
        {
            if (r.Action == RecordAction.Withdrawn || policy.FindRecordType(r.Type) is not { } type)
            {
                continue;
            }

            Consider(type.Lasts.AddTo(r.OccurredAt));
            foreach (var list in policy.Lists)
            {
                if (list.Exit.Term is { } term && list.Entry.ActiveRecordOf.Contains(r.Type))
                {
                    var end = term.AddTo(r.OccurredAt);
                    Consider(end);
                    if (list.Exit.Extension is { } extension)
                    {
                        var extensions = records.Count(e => e.Action != RecordAction.Withdrawn && extension.By.Contains(e.Type));
                        for (var k = 0; k < extensions; k++)
                        {
                            end = extension.Length.AddTo(end);
                            Consider(end);
                        }
                    }
                }

                if (list.Entry.NoNegativeRecordWithin is { } within && type.IsNegative)
                {
                    // The window's end lies within the search span around its guess; when that span
                    // is wholly at or before now, or at or after the best instant so far, it cannot count.
                    var guess = within.AddTo(r.OccurredAt).UtcTicks;
                    if (guess + SearchSpan > now.UtcTicks && guess - SearchSpan < next.UtcTicks)
                    {
                        At(WindowEnds(within, r.OccurredAt));
                    }
                }
            }
        }

        return next;
    }

    /// <summary>
    /// The first instant t at which a record that occurred at <paramref name="occurred"/> is no longer
    /// within <paramref name="within"/> before t (the engine's test is <c>occurred &gt; within before t</c>).
    /// Calendar months differ in length, so the instant is searched for rather than added.
    /// </summary>
    private static DateTimeOffset WindowEnds(PolicyDuration within, DateTimeOffset occurred)
    {
        var guess = within.AddTo(occurred).UtcTicks;
        var lo = guess - SearchSpan;
        var hi = guess + SearchSpan;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            if (within.SubtractFrom(new DateTimeOffset(mid, TimeSpan.Zero)) >= occurred)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return new DateTimeOffset(lo, TimeSpan.Zero);
    }
}
