using Credence.Core.Scoring;
using FsCheck.Xunit;

namespace Credence.Core.Tests.Scoring;

/// <summary>
/// The union of half-open intervals, checked point by point against a naive reference over a small
/// range, with intervals that overlap, touch, repeat, share a start or are empty or reversed.
/// </summary>
public class IntervalUnionProperties
{
    [Property(MaxTest = 500)]
    public bool The_union_covers_exactly_the_points_some_interval_covers((sbyte From, sbyte To)[] spec)
    {
        var intervals = spec.Select(s => ((long)s.From, (long)s.To)).ToArray();
        var union = Intervals.Union(intervals);
        for (long t = sbyte.MinValue - 1; t <= sbyte.MaxValue + 1; t++)
        {
            var expected = intervals.Any(i => i.Item1 <= t && t < i.Item2);
            if (Intervals.Contains(union, t) != expected)
            {
                return false;
            }
        }

        return true;
    }

    [Property(MaxTest = 500)]
    public bool The_union_is_sorted_disjoint_and_not_touching((sbyte From, sbyte To)[] spec)
    {
        var union = Intervals.Union(spec.Select(s => ((long)s.From, (long)s.To)));
        for (var i = 0; i < union.Length; i += 2)
        {
            if (union[i] >= union[i + 1] || (i > 0 && union[i] <= union[i - 1]))
            {
                return false;
            }
        }

        return union.Length % 2 == 0;
    }

    [Property(MaxTest = 200)]
    public bool The_order_of_the_intervals_does_not_matter((sbyte From, sbyte To)[] spec)
    {
        var intervals = spec.Select(s => ((long)s.From, (long)s.To)).ToArray();
        return Intervals.Union(intervals).SequenceEqual(Intervals.Union(intervals.Reverse()));
    }
}
