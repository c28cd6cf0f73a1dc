namespace Credence.Core.Scoring;

/// <summary>
/// Which of a subject's records hold it on a record-based list at an instant, and until when.
/// </summary>
/// <remarks>
/// Implementation note: a qualifying record holds a subject on a list from the moment it is known
/// until the first of: a later record that fulfils the obligation it was listed for (a type the exit
/// pairs with its type, <see cref="CompiledList.AnsweredBy"/>; known at the instant), the list's
/// term (lengthened by each extension record that occurs while listed), or, for lists without a
/// term, the end of the record's own effect. Withdrawal, repair, or a dispute on a type that does
/// not count while disputed also end it.
/// </remarks>
internal static class ListEntries
{
    /// <summary>True when at least one record holds the subject on <paramref name="list"/> at <paramref name="t"/>.</summary>
    public static bool AnyHolding(SubjectFacts subject, CompiledList list, long t)
    {
        var facts = subject.Facts;
        for (var i = 0; i < facts.Length; i++)
        {
            if (HoldsUntil(subject, list, i, t) > t)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The facts holding the subject on the list, each with the instant it stops holding if nothing changes.</summary>
    public static List<(int Fact, long Until)> Holding(SubjectFacts subject, CompiledList list, long t)
    {
        var result = new List<(int, long)>();
        for (var i = 0; i < subject.Facts.Length; i++)
        {
            var until = HoldsUntil(subject, list, i, t);
            if (until > t)
            {
                result.Add((i, until));
            }
        }

        return result;
    }

    /// <summary>
    /// The instant fact <paramref name="i"/> stops holding the subject on the list, or
    /// <see cref="long.MinValue"/> when it does not hold it at <paramref name="t"/>.
    /// </summary>
    public static long HoldsUntil(SubjectFacts subject, CompiledList list, int i, long t)
    {
        var facts = subject.Facts;
        ref readonly var f = ref facts[i];
        if (!list.EntryTypes.Contains(f.Type) || t < f.Start || t >= f.Cut)
        {
            return long.MinValue;
        }

        // Only a fulfilment of the obligation this record listed the subject for ends its hold.
        var answeredBy = list.AnsweredBy(f.Type);
        if (answeredBy.Count > 0)
        {
            for (var j = 0; j < facts.Length; j++)
            {
                ref readonly var g = ref facts[j];
                if (g.Occurred >= f.Occurred && t >= g.Start && t < g.KnownUntil && answeredBy.Contains(g.Type))
                {
                    return long.MinValue;
                }
            }
        }

        long end;
        if (list.Definition.Exit.Term is { } term)
        {
            var endAt = term.AddTo(new DateTimeOffset(f.Occurred, TimeSpan.Zero));
            if (list.Definition.Exit.Extension is { } extension)
            {
                for (var j = 0; j < facts.Length; j++)
                {
                    ref readonly var e = ref facts[j];
                    if (e.Occurred >= f.Occurred && e.Occurred < endAt.UtcTicks && t >= e.Start && t < e.KnownUntil && list.ExtendedBy.Contains(e.Type))
                    {
                        endAt = extension.Length.AddTo(endAt);
                    }
                }
            }

            end = endAt.UtcTicks;
        }
        else
        {
            end = f.End;
        }

        return t < end ? end : long.MinValue;
    }
}
