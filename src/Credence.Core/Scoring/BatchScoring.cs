using System.Numerics;
using Credence.Core.Policies;

namespace Credence.Core.Scoring;

/// <summary>
/// Re-scores many subjects at one instant under one policy, straight from their record versions
/// (<see cref="RecordColumns"/>), in parallel: what a simulation does for every subject of the
/// registry under a draft. Each result is exactly what <see cref="ScoringEngine.Evaluate(SubjectFacts, DateTimeOffset, bool)"/> gives
/// for the subject's file compiled against the policy (<see cref="SubjectFacts.Compile"/>).
/// </summary>
/// <remarks>
/// Implementation note: the engine compiles a file into a score timeline so that it can answer at any
/// instant cheaply, again and again; a re-scoring asks once per subject, so building the timeline
/// would cost far more than the one answer. This evaluates the engine's definitions at the one
/// instant instead: the facts (the same filter, in the same occurrence order), each fact's counted
/// points (decay and caps as the engine's fact-by-fact loop), each record-based list's hold
/// (<see cref="ListEntries.HoldsUntil"/>), and a negative record's block only for a list the subject
/// would otherwise be on. The calendar work a fact needs is done only when the instant makes it
/// matter. A property test compares every field of every result with the engine's.
/// </remarks>
public static class BatchScoring
{
    private const int Block = 4_096;

    /// <summary>
    /// Scores every subject of <paramref name="columns"/> as of <paramref name="asOf"/>, in parallel
    /// over the machine's cores. <paramref name="consents"/> holds each subject's consent (all
    /// consented when null).
    /// </summary>
    public static ScoreSummary[] ScoreAll(CompiledPolicy policy, RecordColumns columns, DateTimeOffset asOf, bool[]? consents = null, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(columns);
        if (consents is not null && consents.Length != columns.Subjects)
        {
            throw new ArgumentException($"consents: one per subject ({columns.Subjects}), not {consents.Length}", nameof(consents));
        }

        var plan = new Plan(policy, columns);
        var t = asOf.UtcTicks;
        var results = new ScoreSummary[columns.Subjects];
        var blocks = (columns.Subjects + Block - 1) / Block;
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, () => new Scratch(), (b, _, scratch) =>
        {
            var end = Math.Min(columns.Subjects, (b + 1) * Block);
            for (var s = b * Block; s < end; s++)
            {
                results[s] = Score(plan, columns, s, t, consents is null || consents[s], scratch);
            }

            return scratch;
        }, _ => { });
        return results;
    }

    /// <summary>Scores subject <paramref name="subject"/> (its index in <paramref name="columns"/>) alone.</summary>
    public static ScoreSummary Score(CompiledPolicy policy, RecordColumns columns, int subject, DateTimeOffset asOf, bool consent)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentOutOfRangeException.ThrowIfNegative(subject);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(subject, columns.Subjects);
        return Score(new Plan(policy, columns), columns, subject, asOf.UtcTicks, consent, new Scratch());
    }

    private static ScoreSummary Score(Plan plan, RecordColumns columns, int s, long t, bool consent, Scratch scratch)
    {
        var policy = plan.Policy;
        var adultFrom = AdultFrom(plan, columns, s);
        if (t < adultFrom)
        {
            return new ScoreSummary(adultFrom == long.MaxValue ? ScoreStatus.NotCovered : ScoreStatus.UnderAge, 0, -1, 0, 0);
        }

        var rows = columns.Rows;
        var from = columns.First[s];
        var facts = scratch.Facts(columns.First[s + 1] - from);
        var n = 0;
        ulong entries = 0;
        var negative = false;
        long total = policy.Base;
        for (var r = from; r < columns.First[s + 1]; r++)
        {
            ref readonly var row = ref rows[r];
            var type = plan.TypeOf[row.TypeCode];
            if ((row.Flags & VersionRow.WithdrawnFlag) != 0 || type < 0)
            {
                continue;
            }

            ref readonly var info = ref plan.Types[type];
            if ((info.Negative && (row.Flags & VersionRow.LegalBasisFlag) == 0) || info.Area != row.Area)
            {
                continue;
            }

            var cut = Math.Min(row.KnownUntil, row.RepairedAt);
            if (!info.CountsWhileDisputed)
            {
                cut = Math.Min(cut, row.DisputedAt);
            }

            ref var f = ref facts[n];
            f = new Fact(type, row.Occurred, Math.Max(row.Occurred, row.Reported), cut, row.KnownUntil, r);
            entries |= info.EntersLists;
            negative |= info.Negative;
            if (t >= f.Start && t < cut)
            {
                f.End = info.Lasts.AddTo(f.Occurred);
                if (t < f.End)
                {
                    f.Counted = Counted(plan, facts, n, t, rows[r].QuantityOrNull);
                    total += f.Counted;
                }
            }

            n++;
        }

        var score = (int)Math.Clamp(total, policy.Min, policy.Max);
        var scored = consent || !policy.ConsentRequired;
        var grade = scored ? policy.GradeOf(score) : -1;
        ulong listed = 0;
        for (var pending = entries & policy.RecordLists; pending != 0; pending &= pending - 1)
        {
            var l = BitOperations.TrailingZeroCount(pending);
            listed |= AnyHolding(plan, policy.Lists[l], facts[..n], t) ? 1UL << l : 0;
        }

        var lists = ScoringEngine.Lists(policy, listed, 0, grade, scored);
        for (var pending = negative ? lists & policy.BlockableLists : 0; pending != 0; pending &= pending - 1)
        {
            var l = BitOperations.TrailingZeroCount(pending);
            lists &= Blocked(plan, policy.Lists[l], facts[..n], t) ? ~(1UL << l) : ulong.MaxValue;
        }

        var measures = ScoringEngine.Measures(policy, lists, grade, scored);
        return scored
            ? new ScoreSummary(ScoreStatus.Scored, score, grade, lists, measures)
            : new ScoreSummary(ScoreStatus.NoConsent, 0, -1, lists, measures);
    }

    /// <summary>The points fact <paramref name="i"/> counts at <paramref name="t"/> (it counts then): decay, then the cap over the earlier facts of its type in the window.</summary>
    private static int Counted(Plan plan, Span<Fact> facts, int i, long t, decimal? quantity)
    {
        ref readonly var f = ref facts[i];
        ref readonly var info = ref plan.Types[f.Type];
        var points = info.Fixed ? info.Points : SubjectFacts.PointsOf(info.Definition, quantity);
        if (info.Decays)
        {
            points = ScoringEngine.Decay(points, f.Occurred, f.End, t);
        }

        if (info.Capped)
        {
            // Implementation note: the window's start needs the calendar; it is worked out only when an
            // earlier fact of the type counts at all.
            long windowStart = long.MinValue;
            long used = 0;
            for (var j = i - 1; j >= 0; j--)
            {
                ref readonly var g = ref facts[j];
                if (g.Type != f.Type || g.Counted == 0)
                {
                    continue;
                }

                if (windowStart == long.MinValue)
                {
                    windowStart = info.CapWindow.SubtractFrom(f.Occurred);
                }

                if (g.Occurred < windowStart)
                {
                    break;
                }

                used += Math.Abs(g.Counted);
            }

            points = ScoringEngine.Limit(points, info.CapPoints, used);
        }

        return points;
    }

    /// <summary><see cref="ListEntries.AnyHolding"/> over the batch's facts.</summary>
    private static bool AnyHolding(Plan plan, CompiledList list, Span<Fact> facts, long t)
    {
        for (var i = 0; i < facts.Length; i++)
        {
            ref readonly var f = ref facts[i];
            if (!list.EntryTypes.Contains(f.Type) || t < f.Start || t >= f.Cut)
            {
                continue;
            }

            var answeredBy = list.AnsweredBy(f.Type);
            var answered = false;
            for (var j = 0; j < facts.Length && answeredBy.Count > 0 && !answered; j++)
            {
                ref readonly var g = ref facts[j];
                answered = g.Occurred >= f.Occurred && t >= g.Start && t < g.KnownUntil && answeredBy.Contains(g.Type);
            }

            if (answered)
            {
                continue;
            }

            long end;
            if (list.Definition.Exit.Term is { } term)
            {
                end = term.AddTo(f.Occurred);
                if (list.Definition.Exit.Extension is { } extension)
                {
                    for (var j = 0; j < facts.Length; j++)
                    {
                        ref readonly var e = ref facts[j];
                        if (e.Occurred >= f.Occurred && e.Occurred < end && t >= e.Start && t < e.KnownUntil && list.ExtendedBy.Contains(e.Type))
                        {
                            end = extension.Length.AddTo(end);
                        }
                    }
                }
            }
            else
            {
                end = f.End != long.MinValue ? f.End : plan.Types[f.Type].Lasts.AddTo(f.Occurred);
            }

            if (t < end)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when a negative fact blocks the list's entry at <paramref name="t"/> (the engine's blocked intervals).</summary>
    private static bool Blocked(Plan plan, CompiledList list, Span<Fact> facts, long t)
    {
        var within = list.NoNegativeWithin!.Value;
        foreach (ref readonly var f in facts)
        {
            if (plan.Types[f.Type].Negative && t >= f.Start && t < f.Cut && t < within.AddTo(f.Occurred))
            {
                return true;
            }
        }

        return false;
    }

    private static long AdultFrom(Plan plan, RecordColumns columns, int s)
    {
        if (columns.Kinds[s] != plan.Policy.Policy.Subjects)
        {
            return long.MaxValue;
        }

        var born = columns.Born[s];
        return born == RecordColumns.NoBirthDate ? long.MinValue : new DateTime(born, DateTimeKind.Utc).AddYears(plan.MinimumAge).Ticks;
    }

    private static long AddTo(this PolicyDuration duration, long ticks)
    {
        var at = new DateTime(ticks, DateTimeKind.Utc);
        if (duration.Years != 0)
        {
            at = at.AddYears(duration.Years);
        }

        if (duration.Months != 0)
        {
            at = at.AddMonths(duration.Months);
        }

        return duration.Days != 0 ? at.AddDays(duration.Days).Ticks : at.Ticks;
    }

    private static long SubtractFrom(this PolicyDuration duration, long ticks)
    {
        var at = new DateTime(ticks, DateTimeKind.Utc);
        if (duration.Days != 0)
        {
            at = at.AddDays(-duration.Days);
        }

        if (duration.Months != 0)
        {
            at = at.AddMonths(-duration.Months);
        }

        return duration.Years != 0 ? at.AddYears(-duration.Years).Ticks : at.Ticks;
    }

    /// <summary>A subject's fact while it is scored: the engine's <see cref="Scoring.Fact"/> fields the instant needs, and what it counts.</summary>
    private struct Fact(int type, long occurred, long start, long cut, long knownUntil, int row)
    {
        public readonly long Occurred = occurred;
        public readonly long Start = start;
        public readonly long Cut = cut;
        public readonly long KnownUntil = knownUntil;
        public readonly int Type = type;
        public readonly int Row = row;

        /// <summary>The policy's end of the effect, when it was needed; <see cref="long.MinValue"/> otherwise.</summary>
        public long End = long.MinValue;

        public int Counted;
    }

    /// <summary>One worker's fact buffer, grown to the largest file it meets.</summary>
    private sealed class Scratch
    {
        private Fact[] facts = new Fact[64];

        public Span<Fact> Facts(int n)
        {
            if (facts.Length < n)
            {
                facts = new Fact[Math.Max(n, facts.Length * 2)];
            }

            return facts.AsSpan(0, n);
        }
    }

    /// <summary>A record type's numbers for the batch, with the calendar lengths kept for lazy use.</summary>
    private readonly struct TypeInfo(RecordType type, CompiledRecordType compiled)
    {
        public readonly RecordType Definition = type;
        public readonly PolicyDuration Lasts = type.Lasts;
        public readonly PolicyDuration CapWindow = type.Cap?.Window ?? default;
        public readonly ulong EntersLists = compiled.EntersLists;
        public readonly int Points = type.Points;
        public readonly int CapPoints = compiled.CapPoints;
        public readonly byte Area = (byte)type.Area;
        public readonly bool Fixed = type.PerUnit is null;
        public readonly bool Negative = compiled.Negative;
        public readonly bool Decays = compiled.Decays;
        public readonly bool Capped = compiled.Capped;
        public readonly bool CountsWhileDisputed = compiled.CountsWhileDisputed;
    }

    /// <summary>The policy resolved against the columns' type names, once per batch.</summary>
    private sealed class Plan
    {
        public Plan(CompiledPolicy policy, RecordColumns columns)
        {
            Policy = policy;
            TypeOf = [.. columns.TypeNames.Select(policy.TypeIndex)];
            Types = [.. policy.Policy.RecordTypes.Select((t, i) => new TypeInfo(t, policy.Types[i]))];
            MinimumAge = Math.Max(policy.Policy.MinimumAge, 0);
        }

        public CompiledPolicy Policy { get; }

        public int[] TypeOf { get; }

        public TypeInfo[] Types { get; }

        public int MinimumAge { get; }
    }
}
