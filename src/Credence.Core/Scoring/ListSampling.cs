namespace Credence.Core.Scoring;

/// <summary>
/// Works out, once per compiled subject, when it is on each record-based list and when a negative
/// record blocks a list's entry, as intervals of instants (<see cref="SubjectFacts.ListIntervals"/>,
/// <see cref="SubjectFacts.BlockedIntervals"/>).
/// </summary>
/// <remarks>
/// Implementation note: whether a record holds a subject on a list depends on the instant only
/// through comparisons with the facts' own instants (known, cut, ended, fulfilled, term ends with
/// each possible number of extensions), so membership is constant between those instants and
/// sampling it at each of them gives it exactly.
/// </remarks>
internal static class ListSampling
{
    public static void Sample(SubjectFacts subject)
    {
        var lists = subject.Policy.Lists;
        for (var l = 0; l < lists.Length; l++)
        {
            var list = lists[l];
            // Implementation note: only a fact of an entry type can hold a subject on a list, so a
            // file without one is never on it and nothing needs sampling.
            if (list.RestsOnRecords && HasFactOf(subject, list.EntryTypes))
            {
                subject.ListIntervals[l] = Intervals.Sample(ChangeInstants(subject, list), t => ListEntries.AnyHolding(subject, list, t));
            }
            else
            {
                subject.ListIntervals[l] = [];
            }

            if (list.NoNegativeWithin is { } within && HasNegativeFact(subject))
            {
                subject.BlockedIntervals[l] = Intervals.Union(subject.Facts
                    .Where(f => subject.Policy.Types[f.Type].Negative)
                    .Select(f => (f.Start, Math.Min(f.Cut, within.AddTo(new DateTimeOffset(f.Occurred, TimeSpan.Zero)).UtcTicks))));
            }
            else
            {
                subject.BlockedIntervals[l] = [];
            }
        }
    }

    private static bool HasFactOf(SubjectFacts subject, HashSet<int> types)
    {
        foreach (var f in subject.Facts)
        {
            if (types.Contains(f.Type))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasNegativeFact(SubjectFacts subject)
    {
        foreach (var f in subject.Facts)
        {
            if (subject.Policy.Types[f.Type].Negative)
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<long> ChangeInstants(SubjectFacts subject, CompiledList list)
    {
        var extensions = subject.Facts.Count(f => list.ExtendedBy.Contains(f.Type));
        foreach (var f in subject.Facts)
        {
            var entry = list.EntryTypes.Contains(f.Type);
            if (!entry && !list.FulfilledBy.Contains(f.Type) && !list.ExtendedBy.Contains(f.Type))
            {
                continue;
            }

            yield return f.Start;
            yield return f.Cut;
            yield return f.KnownUntil;
            yield return f.End;
            if (entry && list.Definition.Exit.Term is { } term)
            {
                var end = term.AddTo(new DateTimeOffset(f.Occurred, TimeSpan.Zero));
                yield return end.UtcTicks;
                for (var k = 0; k < extensions && list.Definition.Exit.Extension is { } extension; k++)
                {
                    end = extension.Length.AddTo(end);
                    yield return end.UtcTicks;
                }
            }
        }
    }
}
