using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Credence.Core.Scoring;

/// <summary>
/// Scores one subject: a pure function of the subject's compiled facts, the policy they were
/// compiled against, an as-of instant and the subject's consent. The same inputs always give the
/// same result, here or on the subject's own machine.
/// </summary>
/// <remarks>
/// Implementation note: this is the hot path (every decision and every intake scores a subject).
/// It allocates nothing: per-fact contributions live on the stack (or in a pooled buffer for very
/// large files), lists and measures are 64-bit sets, and all calendar arithmetic was done when the
/// facts were compiled. Arithmetic is integral, so results do not depend on the machine.
/// </remarks>
public static class ScoringEngine
{
    private const int SmallFile = 32;

    private const int StackLimit = 256;

    /// <summary>Scores <paramref name="subject"/> as of <paramref name="asOf"/>.</summary>
    /// <param name="subject">The subject's facts under one policy.</param>
    /// <param name="asOf">The instant to evaluate at; effects count up to the last tick before they end.</param>
    /// <param name="consent">Whether the subject has consented to scoring (matters only when the policy requires it).</param>
    /// <remarks>
    /// Implementation note: this reads the subject's score timeline (<see cref="ScoreTimeline"/>):
    /// the step the instant falls in gives the plain facts' points and the record-based lists at
    /// once, and only the facts that decay, when one of them may count, are evaluated one by one.
    /// </remarks>
    [SkipLocalsInit]
    public static ScoreSummary Evaluate(SubjectFacts subject, DateTimeOffset asOf, bool consent)
    {
        var t = asOf.UtcTicks;
        if (t < subject.AdultFrom)
        {
            return Unscored(subject);
        }

        ref readonly var step = ref subject.Steps[StepAt(subject.StepStarts, t)];
        var total = subject.Policy.Base + step.PlainPoints;
        if (t >= subject.DynamicSpan.From && t < subject.DynamicSpan.Until)
        {
            var dynamic = subject.Dynamic;
            if (dynamic.Length > SmallFile)
            {
                return EvaluateLarge(subject, t, consent);
            }

            // Implementation note: a constant-size stack buffer costs nothing to set up, where a
            // variable-size one (localloc) cost a fifth of a typical subject's scoring time.
            Span<int> contributions = stackalloc int[SmallFile];
            total += DynamicPoints(dynamic, t, contributions);
        }

        return Summarise(subject.Policy, total, step.Listed, step.Blocked, consent);
    }

    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ScoreSummary EvaluateLarge(SubjectFacts subject, long t, bool consent)
    {
        var n = subject.Facts.Length;
        if (n <= StackLimit)
        {
            Span<int> contributions = stackalloc int[n];
            return Evaluate(subject, t, consent, contributions);
        }

        var rented = ArrayPool<int>.Shared.Rent(n);
        try
        {
            return Evaluate(subject, t, consent, rented.AsSpan(0, n));
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rented);
        }
    }

    /// <summary>The index of the step <paramref name="t"/> falls in: the number of step starts at or before it, less one.</summary>
    /// <remarks>
    /// Implementation note: the starts are ascending and padded to whole vectors, so counting the
    /// starts at or before the instant four at a time finds the step without a data-dependent branch.
    /// </remarks>
    internal static int StepAt(long[] starts, long t)
    {
        ref var first = ref MemoryMarshal.GetArrayDataReference(starts);
        var count = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var instant = Vector256.Create(t);
            for (nuint i = 0; i < (nuint)starts.Length; i += ScoreTimeline.Lanes)
            {
                count += BitOperations.PopCount(Vector256.LessThanOrEqual(Vector256.LoadUnsafe(ref first, i), instant).ExtractMostSignificantBits());
            }
        }
        else
        {
            foreach (var start in starts)
            {
                count += start <= t ? 1 : 0;
            }
        }

        return count - 1;
    }

    /// <summary>The counted points of the facts that decay, each written into <paramref name="contributions"/>.</summary>
    private static long DynamicPoints(DynamicFact[] facts, long t, Span<int> contributions)
    {
        long total = 0;
        for (var i = 0; i < facts.Length; i++)
        {
            ref readonly var f = ref facts[i];
            var points = 0;
            if (t >= f.Start && t < f.Stop)
            {
                points = f.Points;
                if ((f.Flags & HotFact.DecaysFlag) != 0)
                {
                    points = Decay(points, f.Occurred, f.End, t);
                }

                if ((f.Flags & HotFact.CappedFlag) != 0)
                {
                    points = Cap(points, f.CapPoints, f.CapFrom, i, (ReadOnlySpan<DynamicFact>)facts, contributions);
                }
            }

            contributions[i] = points;
            total += points;
        }

        return total;
    }

    /// <summary>Scores and writes each fact's counted points into <paramref name="contributions"/>.</summary>
    internal static ScoreSummary Evaluate(SubjectFacts subject, long t, bool consent, Span<int> contributions)
    {
        var policy = subject.Policy;
        if (t < subject.AdultFrom)
        {
            contributions.Clear();
            return Unscored(subject);
        }

        var total = policy.Base + FactPoints(subject, t, contributions, plainOnly: false);
        ref readonly var step = ref subject.Steps[StepAt(subject.StepStarts, t)];
        return Summarise(policy, total, step.Listed, step.Blocked, consent);
    }

    /// <summary>
    /// The fact-by-fact definition of the points counted at <paramref name="t"/>, each fact's written
    /// into <paramref name="contributions"/>; with <paramref name="plainOnly"/>, facts whose type decays
    /// count nothing (that is the part <see cref="ScoreTimeline"/> tabulates).
    /// </summary>
    internal static long FactPoints(SubjectFacts subject, long t, Span<int> contributions, bool plainOnly)
    {
        var hot = subject.Hot;
        long total = 0;
        for (var i = 0; i < hot.Length; i++)
        {
            ref readonly var f = ref hot[i];
            if (t < f.Start || t >= f.Stop || plainOnly && (f.Flags & HotFact.DecaysFlag) != 0)
            {
                contributions[i] = 0;
                continue;
            }

            var points = f.Points;
            if (f.Flags != 0)
            {
                points = Adjust(subject, contributions, i, t);
            }

            contributions[i] = points;
            total += points;
        }

        return total;
    }

    private static ScoreSummary Unscored(SubjectFacts subject) =>
        new(subject.AdultFrom == long.MaxValue ? ScoreStatus.NotCovered : ScoreStatus.UnderAge, 0, -1, 0, 0);

    /// <summary>The score clamped to the scale, its grade, the lists held and the measures triggered.</summary>
    private static ScoreSummary Summarise(CompiledPolicy policy, long total, ulong listed, ulong blocked, bool consent)
    {
        var score = (int)Math.Clamp(total, policy.Min, policy.Max);
        var scored = consent || !policy.ConsentRequired;
        var grade = scored ? policy.GradeOf(score) : -1;
        var lists = Lists(policy, listed, blocked, grade, scored);
        var measures = Measures(policy, lists, grade, scored);
        return scored
            ? new ScoreSummary(ScoreStatus.Scored, score, grade, lists, measures)
            : new ScoreSummary(ScoreStatus.NoConsent, 0, -1, lists, measures);
    }

    /// <summary>Decay and caps, for the facts whose type has either.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Adjust(SubjectFacts subject, Span<int> contributions, int i, long t)
    {
        ref readonly var f = ref subject.Hot[i];
        var points = f.Points;
        if ((f.Flags & HotFact.DecaysFlag) != 0)
        {
            points = Decay(points, subject.Facts[i].Occurred, f.End, t);
        }

        if ((f.Flags & HotFact.CappedFlag) != 0)
        {
            points = Cap(points, subject.Policy.Types[f.Type].CapPoints, subject.Facts[i].CapFrom, i, (ReadOnlySpan<HotFact>)subject.Hot, contributions);
        }

        return points;
    }

    /// <summary>Linear decay from full points at occurrence to zero at the end of the effect, truncated toward zero.</summary>
    /// <remarks>
    /// Implementation note: the fraction is taken in whole milliseconds with 64-bit integers, which
    /// is exact and the same on every machine; only absurdly large point values fall back to 128 bits.
    /// </remarks>
    internal static int Decay(int points, long occurred, long end, long t)
    {
        var length = (end - occurred) / TimeSpan.TicksPerMillisecond;
        if (length <= 0)
        {
            return 0;
        }

        var remaining = (end - t) / TimeSpan.TicksPerMillisecond;
        return points is > -1_000_000 and < 1_000_000
            ? (int)(points * remaining / length)
            : (int)((Int128)points * remaining / length);
    }

    /// <summary>Limits a capped type's contribution so that, within the cap window before it, the type's magnitude stays within the cap.</summary>
    /// <remarks>
    /// Implementation note: the window's first fact was found when the facts were compiled, so this
    /// reads only the facts' types (hot or decaying) and the contributions, not the colder facts.
    /// </remarks>
    private static int Cap<T>(int points, int cap, int from, int i, ReadOnlySpan<T> facts, Span<int> contributions)
        where T : struct, ITypedFact
    {
        var type = facts[i].TypeIndex;
        long used = 0;
        for (var j = from; j < i; j++)
        {
            if (facts[j].TypeIndex == type)
            {
                used += Math.Abs(contributions[j]);
            }
        }

        return Limit(points, cap, used);
    }

    internal static int Limit(int points, int cap, long used)
    {
        var remaining = Math.Max(0, cap - used);
        return Math.Abs(points) <= remaining ? points : (int)(Math.Sign(points) * remaining);
    }

    internal static ulong Lists(CompiledPolicy policy, ulong listed, ulong blocked, int grade, bool scored)
    {
        var gradeOk = grade >= 0 ? policy.GradeListOk[grade] : policy.UngradedListOk;

        // Without consent a subject gets no rewards, and a redlist is a reward.
        var rewardsOk = scored ? ulong.MaxValue : ~policy.Redlists;
        return policy.AllLists & (~policy.RecordLists | listed) & gradeOk & ~blocked & rewardsOk;
    }

    internal static ulong Measures(CompiledPolicy policy, ulong lists, int grade, bool scored)
    {
        var byList = policy.MeasuresWithoutList;
        for (var pending = lists; pending != 0; pending &= pending - 1)
        {
            byList |= policy.MeasuresByList[BitOperations.TrailingZeroCount(pending)];
        }

        var gradeOk = grade >= 0 ? policy.GradeMeasureOk[grade] : policy.UngradedMeasureOk;
        var rewardsOk = scored ? ulong.MaxValue : ~policy.GrantMeasures;
        return policy.TriggeredMeasures & byList & gradeOk & rewardsOk;
    }

    /// <summary>Grade indices grow downwards (0 is best), so "at least AA" is an index at most AA's.</summary>
    internal static bool GradeWithin(int grade, int atLeast, int atMost) =>
        grade >= 0 && (atLeast < 0 || grade <= atLeast) && (atMost < 0 || grade >= atMost);
}
