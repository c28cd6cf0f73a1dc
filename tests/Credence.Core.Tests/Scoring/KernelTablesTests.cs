using Credence.Core.Records;
using Credence.Core.Scoring;
using static Credence.Core.Tests.Scoring.Sample;

namespace Credence.Core.Tests.Scoring;

/// <summary>The engine's precomputed tables (score timeline, grade table, cap windows) agree with the slow forms they replace.</summary>
public class KernelTablesTests
{
    private static readonly CompiledPolicy Compiled = CompiledPolicy.Compile(Sample.Policy());

    [Fact]
    public void The_grade_table_gives_the_grade_a_scan_of_the_bands_gives_for_every_score()
    {
        Assert.NotNull(Compiled.GradeByScore);
        var minimums = Compiled.GradeMinimums;
        for (var score = Compiled.Min; score <= Compiled.Max; score++)
        {
            var expected = Array.FindIndex(minimums, m => score >= m);
            Assert.Equal(expected < 0 ? minimums.Length - 1 : expected, Compiled.GradeOf(score));
        }
    }

    [Fact]
    public void The_score_timeline_matches_every_list_interval_at_and_around_each_change()
    {
        var records = new[]
        {
            Rec(Alice, "judgment-defaulter", T0, id: "d1"),
            Rec(Alice, "defaulter-term-extended", T0.AddYears(1).AddDays(300), id: "e1"),
            Rec(Alice, "judgment-defaulter", T0.AddYears(4), id: "d2"),
            Rec(Alice, "judgment-performed", T0.AddYears(4).AddDays(30), id: "p1"),
            Rec(Alice, "tax-evasion", T0.AddDays(10), quantity: 20000m, source: "tax", id: "t1"),
        };
        var facts = SubjectFacts.Compile(Compiled, SubjectFile.Create(Alice, records));
        Assert.True(facts.Steps.Length > 1);
        var instants = facts.ListIntervals.Concat(facts.BlockedIntervals).SelectMany(p => p)
            .Where(t => t is > long.MinValue + 1 and < long.MaxValue)
            .SelectMany(t => new[] { t - 1, t, t + 1 })
            .Append(T0.AddYears(-1).UtcTicks);
        foreach (var t in instants)
        {
            ulong listed = 0, blocked = 0;
            for (var l = 0; l < facts.ListIntervals.Length; l++)
            {
                listed |= Contains(facts.ListIntervals[l], t) ? 1UL << l : 0;
                blocked |= Contains(facts.BlockedIntervals[l], t) ? 1UL << l : 0;
            }

            var step = facts.Steps[ScoringEngine.StepAt(facts.StepStarts, t)];
            Assert.Equal((listed, blocked), (step.Listed, step.Blocked));
        }
    }

    [Fact]
    public void A_capped_fact_knows_the_first_fact_of_its_window()
    {
        var late = Enumerable.Range(0, 6).Select(i => Rec(Alice, "late-credit-card-payment", T0.AddMonths(3 * i), source: "bank", id: $"l{i}")).ToArray();
        var facts = SubjectFacts.Compile(Compiled, SubjectFile.Create(Alice, late));
        for (var i = 0; i < facts.Facts.Length; i++)
        {
            var expected = i;
            while (expected > 0 && facts.Facts[expected - 1].Occurred >= facts.Facts[i].CapWindowStart)
            {
                expected--;
            }

            Assert.Equal(expected, facts.Facts[i].CapFrom);
        }

        Assert.True(facts.Facts[^1].CapFrom > 0);
    }

    private static bool Contains(long[] pairs, long t)
    {
        for (var i = 0; i < pairs.Length; i += 2)
        {
            if (pairs[i] <= t && t < pairs[i + 1])
            {
                return true;
            }
        }

        return false;
    }
}
