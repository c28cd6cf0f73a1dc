namespace Credence.Core.Scoring;

/// <summary>
/// Builds a subject's score timeline when its facts are compiled: the instants at which a plain fact
/// starts or stops counting, or a record-based list's or block's interval starts or ends, and what
/// holds from each of them to the next (<see cref="ScoreStep"/>); and, apart, the facts whose points
/// depend on the instant itself, those whose type decays (<see cref="DynamicFact"/>).
/// </summary>
/// <remarks>
/// Implementation note: a fact whose type does not decay counts its fixed points exactly while
/// <c>Start &lt;= t &lt; Stop</c>, and a cap only looks at facts of its own type, so the points of all
/// such facts, capped or not, only change at their starts and stops; membership only changes at its
/// own instants (see <see cref="SubjectFacts"/>). Both are step functions of the instant, so each
/// step's points are computed once, by the engine's own fact-by-fact loop at the step's first
/// instant, and scoring at any instant only has to find its step. A decaying fact's points change
/// with every millisecond, so those facts are still evaluated one by one. A property test checks
/// that the timeline and the fact-by-fact loop agree at and around every change instant.
/// </remarks>
internal static class ScoreTimeline
{
    /// <summary>The padding that fills <see cref="SubjectFacts.StepStarts"/> to whole vectors; no instant reaches it.</summary>
    public const long Never = long.MaxValue;

    /// <summary>Step starts are searched four at a time.</summary>
    public const int Lanes = 4;

    public static (long[] Starts, ScoreStep[] Steps, DynamicFact[] Dynamic) Build(SubjectFacts subject)
    {
        var hot = subject.Hot;
        var facts = subject.Facts;
        var lists = subject.ListIntervals;
        var blocks = subject.BlockedIntervals;
        var instants = new List<long>(2 * hot.Length + 1) { long.MinValue };
        var decayingBefore = new int[hot.Length + 1];
        for (var i = 0; i < hot.Length; i++)
        {
            ref readonly var h = ref hot[i];
            var decays = (h.Flags & HotFact.DecaysFlag) != 0;
            decayingBefore[i + 1] = decayingBefore[i] + (decays ? 1 : 0);
            if (!decays && h.Start < h.Stop)
            {
                instants.Add(h.Start);
                instants.Add(h.Stop);
            }
        }

        foreach (var pairs in lists.Concat(blocks))
        {
            instants.AddRange(pairs);
        }

        instants.Sort();
        var distinct = 0;
        for (var i = 0; i < instants.Count; i++)
        {
            if (instants[i] != Never && (distinct == 0 || instants[distinct - 1] != instants[i]))
            {
                instants[distinct++] = instants[i];
            }
        }

        // A step equal to the one before it is merged into it: fewer starts to search.
        var stepList = new List<(long At, ScoreStep Step)>(distinct);
        var contributions = hot.Length <= 64 ? stackalloc int[64] : new int[hot.Length];
        for (var i = 0; i < distinct; i++)
        {
            var at = instants[i];
            ulong listed = 0, blocked = 0;
            for (var l = 0; l < lists.Length; l++)
            {
                listed |= Intervals.Contains(lists[l], at) ? 1UL << l : 0;
                blocked |= Intervals.Contains(blocks[l], at) ? 1UL << l : 0;
            }

            var step = new ScoreStep(ScoringEngine.FactPoints(subject, at, contributions, plainOnly: true), listed, blocked);
            if (stepList.Count == 0 || stepList[^1].Step != step)
            {
                stepList.Add((at, step));
            }
        }

        var starts = new long[(stepList.Count + Lanes - 1) / Lanes * Lanes];
        Array.Fill(starts, Never, stepList.Count, starts.Length - stepList.Count);
        var steps = new ScoreStep[stepList.Count];
        for (var i = 0; i < stepList.Count; i++)
        {
            (starts[i], steps[i]) = stepList[i];
        }

        var dynamic = new DynamicFact[decayingBefore[^1]];
        for (var i = 0; i < hot.Length; i++)
        {
            if ((hot[i].Flags & HotFact.DecaysFlag) != 0)
            {
                dynamic[decayingBefore[i]] = new DynamicFact(hot[i], facts[i], subject.Policy.Types[hot[i].Type].CapPoints, decayingBefore[facts[i].CapFrom]);
            }
        }

        return (starts, steps, dynamic);
    }
}
