namespace Credence.Core.Scoring;

/// <summary>Sorted, disjoint half-open intervals [from, to) packed as pairs in a long array.</summary>
internal static class Intervals
{
    public static bool Contains(long[] pairs, long t)
    {
        for (var i = 0; i < pairs.Length; i += 2)
        {
            if (t < pairs[i])
            {
                return false;
            }

            if (t < pairs[i + 1])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Samples a piecewise-constant predicate at every instant where it may change and returns the
    /// intervals where it holds. The predicate must change only at the given instants.
    /// </summary>
    public static long[] Sample(IEnumerable<long> changes, Func<long, bool> holds)
    {
        // Implementation note: sorted and de-duplicated in place (no LINQ): this runs for every
        // list a subject's file may enter, at every re-scoring.
        var buffer = new List<long> { long.MinValue };
        foreach (var c in changes)
        {
            if (c > long.MinValue && c < long.MaxValue)
            {
                buffer.Add(c);
            }
        }

        buffer.Sort();
        var n = 1;
        for (var i = 1; i < buffer.Count; i++)
        {
            if (buffer[i] != buffer[n - 1])
            {
                buffer[n++] = buffer[i];
            }
        }

        var result = new List<long>();
        for (var i = 0; i < n; i++)
        {
            var point = buffer[i];
            if (!holds(point))
            {
                continue;
            }

            var to = i + 1 < n ? buffer[i + 1] : long.MaxValue;
            if (result.Count > 0 && result[^1] == point)
            {
                result[^1] = to;
            }
            else
            {
                result.Add(point);
                result.Add(to);
            }
        }

        return [.. result];
    }

    /// <summary>The union of [from, to) intervals, merged and sorted.</summary>
    public static long[] Union(IEnumerable<(long From, long To)> intervals)
    {
        // Implementation note: sorted in place, not through a LINQ ordering: this runs at every
        // re-scoring of a subject with a negative record under a list's "no negative record within".
        // Intervals with the same start may come in any order: the merge gives the same union.
        var buffer = new List<(long From, long To)>();
        foreach (var i in intervals)
        {
            if (i.From < i.To)
            {
                buffer.Add(i);
            }
        }

        if (buffer.Count == 0)
        {
            return [];
        }

        buffer.Sort(static (a, b) => a.From.CompareTo(b.From));
        var result = new List<long>(buffer.Count * 2);
        foreach (var (from, to) in buffer)
        {
            if (result.Count > 0 && from <= result[^1])
            {
                result[^1] = Math.Max(result[^1], to);
            }
            else
            {
                result.Add(from);
                result.Add(to);
            }
        }

        return [.. result];
    }
}
