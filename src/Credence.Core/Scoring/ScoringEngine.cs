using System.Buffers;
using System.Runtime.CompilerServices;

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
    private const int StackLimit = 256;

    /// <summary>Scores <paramref name="subject"/> as of <paramref name="asOf"/>.</summary>
    /// <param name="subject">The subject's facts under one policy.</param>
    /// <param name="asOf">The instant to evaluate at; effects count up to the last tick before they end.</param>
    /// <param name="consent">Whether the subject has consented to scoring (matters only when the policy requires it).</param>
    public static ScoreSummary Evaluate(SubjectFacts subject, DateTimeOffset asOf, bool consent)
    {
        var n = subject.Facts.Length;
        if (n <= StackLimit)
        {
            Span<int> contributions = stackalloc int[n];
            return Evaluate(subject, asOf.UtcTicks, consent, contributions);
        }

        var rented = ArrayPool<int>.Shared.Rent(n);
        try
        {
            return Evaluate(subject, asOf.UtcTicks, consent, rented.AsSpan(0, n));
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rented);
        }
    }

    /// <summary>Scores and writes each fact's counted points into <paramref name="contributions"/>.</summary>
    internal static ScoreSummary Evaluate(SubjectFacts subject, long t, bool consent, Span<int> contributions)
    {
        var policy = subject.Policy;
        if (t < subject.AdultFrom)
        {
            contributions.Clear();
            return new ScoreSummary(subject.AdultFrom == long.MaxValue ? ScoreStatus.NotCovered : ScoreStatus.UnderAge, 0, -1, 0, 0);
        }

        var facts = subject.Facts;
        var types = policy.Types;
        long total = policy.Policy.Scale.Base;
        ulong candidates = 0;
        var lastNegative = long.MinValue;
        for (var i = 0; i < facts.Length; i++)
        {
            ref readonly var f = ref facts[i];
            contributions[i] = 0;
            if (t < f.Start || t >= f.Cut)
            {
                continue;
            }

            ref readonly var type = ref types[f.Type];
            if (type.Negative && f.Occurred > lastNegative)
            {
                lastNegative = f.Occurred;
            }

            candidates |= type.EntersLists;
            if (t >= f.End)
            {
                continue;
            }

            var points = f.Points;
            if (type.Decays)
            {
                points = Decay(points, f, t);
            }

            if (type.Capped)
            {
                points = Cap(points, type.CapPoints, facts, contributions, i);
            }

            contributions[i] = points;
            total += points;
        }

        var scale = policy.Policy.Scale;
        var score = (int)Math.Clamp(total, scale.Min, scale.Max);
        var scored = consent || !policy.Policy.ConsentRequired;
        var grade = scored ? policy.GradeOf(score) : -1;
        var lists = Lists(subject, t, candidates, grade, lastNegative, scored);
        var measures = Measures(policy, lists, grade, scored);
        return scored
            ? new ScoreSummary(ScoreStatus.Scored, score, grade, lists, measures)
            : new ScoreSummary(ScoreStatus.NoConsent, 0, -1, lists, measures);
    }

    /// <summary>Linear decay from full points at occurrence to zero at the end of the effect, truncated toward zero.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Decay(int points, in Fact f, long t)
    {
        var length = f.End - f.Occurred;
        if (length <= 0)
        {
            return 0;
        }

        return (int)((Int128)points * (f.End - t) / length);
    }

    /// <summary>Limits a capped type's contribution so that, within the cap window before it, the type's magnitude stays within the cap.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Cap(int points, int cap, Fact[] facts, Span<int> contributions, int i)
    {
        var f = facts[i];
        long used = 0;
        for (var j = i - 1; j >= 0 && facts[j].Occurred >= f.CapWindowStart; j--)
        {
            if (facts[j].Type == f.Type)
            {
                used += Math.Abs(contributions[j]);
            }
        }

        var remaining = Math.Max(0, cap - used);
        return Math.Abs(points) <= remaining ? points : (int)(Math.Sign(points) * remaining);
    }

    private static ulong Lists(SubjectFacts subject, long t, ulong candidates, int grade, long lastNegative, bool scored)
    {
        var policy = subject.Policy;
        var lists = policy.Lists;
        ulong result = 0;
        for (var l = 0; l < lists.Length; l++)
        {
            var bit = 1UL << l;
            var list = lists[l];
            if (list.RestsOnRecords && ((candidates & bit) == 0 || !ListEntries.AnyHolding(subject, list, t)))
            {
                continue;
            }

            if (list.NeedsGrade && !GradeWithin(grade, list.GradeAtLeast, list.GradeAtMost))
            {
                continue;
            }

            if (list.NoNegativeWithin is { } within && lastNegative != long.MinValue
                && lastNegative > within.SubtractFrom(new DateTimeOffset(t, TimeSpan.Zero)).UtcTicks)
            {
                continue;
            }

            // Without consent a subject gets no rewards, and a redlist is a reward.
            if (list.IsRedlist && !scored)
            {
                continue;
            }

            result |= bit;
        }

        return result;
    }

    private static ulong Measures(CompiledPolicy policy, ulong lists, int grade, bool scored)
    {
        var measures = policy.Measures;
        ulong result = 0;
        for (var m = 0; m < measures.Length; m++)
        {
            var measure = measures[m];
            var hasTrigger = measure.List >= 0 || measure.GradeAtLeast >= 0 || measure.GradeAtMost >= 0;
            if (!hasTrigger || (measure.IsGrant && !scored))
            {
                continue;
            }

            if (measure.List >= 0 && (lists & (1UL << measure.List)) == 0)
            {
                continue;
            }

            if ((measure.GradeAtLeast >= 0 || measure.GradeAtMost >= 0) && !GradeWithin(grade, measure.GradeAtLeast, measure.GradeAtMost))
            {
                continue;
            }

            result |= 1UL << m;
        }

        return result;
    }

    /// <summary>Grade indices grow downwards (0 is best), so "at least AA" is an index at most AA's.</summary>
    internal static bool GradeWithin(int grade, int atLeast, int atMost) =>
        grade >= 0 && (atLeast < 0 || grade <= atLeast) && (atMost < 0 || grade >= atMost);
}
