using Credence.Core.Explanations;
using Credence.Core.Identifiers;
using Credence.Core.Policies;
using Credence.Core.Records;
using Credence.Core.Scoring;
using FsCheck;
using FsCheck.Xunit;
using static Credence.Core.Tests.Scoring.Sample;

namespace Credence.Core.Tests.Scoring;

public class ScoringProperties
{
    private static readonly CompiledPolicy Compiled = CompiledPolicy.Compile(Sample.Policy());

    private static readonly string[] Types = [.. Sample.Policy().RecordTypes.Select(t => t.Id)];

    private static readonly string[] NegativeTypes = [.. Sample.Policy().RecordTypes.Where(t => t.IsNegative).Select(t => t.Id)];

    /// <summary>Turns generated numbers into records: a type, a day within three years, and a quantity.</summary>
    private static Record[] Records(SubjectId subject, (int Type, int Day, int Amount)[] spec, string prefix = "g") =>
        [.. spec.Select((s, i) => Rec(subject, Types[Math.Abs(s.Type % Types.Length)], T0.AddDays(Math.Abs(s.Day % 1095)), quantity: Math.Abs(s.Amount % 1_000_000), id: $"{prefix}{i}"))];

    private static ScoreSummary Score(SubjectId subject, IEnumerable<Record> records, DateTimeOffset asOf) =>
        ScoringEngine.Evaluate(SubjectFacts.Compile(Compiled, SubjectFile.Create(subject, records)), asOf, true);

    [Property(MaxTest = 300)]
    public bool Adding_a_negative_record_never_raises_the_score((int, int, int)[] spec, int type, int day, int asOfDay)
    {
        var records = Records(Alice, spec);
        var extra = Rec(Alice, NegativeTypes[Math.Abs(type % NegativeTypes.Length)], T0.AddDays(Math.Abs(day % 1095)), quantity: 50_000m, id: "extra");
        var asOf = T0.AddDays(Math.Abs(asOfDay % 1200));
        return Score(Alice, [.. records, extra], asOf).Score <= Score(Alice, records, asOf).Score;
    }

    [Property(MaxTest = 200)]
    public bool A_subjects_result_never_depends_on_other_subjects_records((int, int, int)[] mine, (int, int, int)[] theirs, int asOfDay)
    {
        var alice = Records(Alice, mine, "a");
        var bob = Records(Bob, theirs, "b");
        var mixed = alice.Concat(bob).OrderBy(r => r.OccurredAt).ToArray();
        var asOf = T0.AddDays(Math.Abs(asOfDay % 1200));
        var fromMixed = Explainer.Assess(SubjectFacts.Compile(Compiled, SubjectFile.Create(Alice, mixed.Where(r => r.Subject == Alice))), asOf, true);
        var alone = Explainer.Assess(SubjectFacts.Compile(Compiled, SubjectFile.Create(Alice, alice)), asOf, true);
        return fromMixed.Summary == alone.Summary
            && fromMixed.KeyReasons.Select(r => r.Code).SequenceEqual(alone.KeyReasons.Select(r => r.Code));
    }

    [Property(MaxTest = 200)]
    public bool The_order_records_arrive_in_does_not_matter((int, int, int)[] spec, int seed, int asOfDay)
    {
        var records = Records(Alice, spec);
        var shuffled = records.OrderBy(_ => new Random(seed).Next()).ToArray();
        var asOf = T0.AddDays(Math.Abs(asOfDay % 1200));
        return Score(Alice, records, asOf) == Score(Alice, shuffled, asOf);
    }

    [Property(MaxTest = 200)]
    public bool At_most_four_key_reasons_ordered_by_impact((int, int, int)[] spec, int asOfDay)
    {
        var asOf = T0.AddDays(Math.Abs(asOfDay % 1200));
        var a = Explainer.Assess(SubjectFacts.Compile(Compiled, SubjectFile.Create(Alice, Records(Alice, spec))), asOf, true);
        var records = a.KeyReasons.Where(r => r.Code.StartsWith("RECORD.", StringComparison.Ordinal)).ToList();
        var listingsFirst = a.KeyReasons.SkipWhile(r => r.Code.StartsWith("LISTED.", StringComparison.Ordinal)).All(r => !r.Code.StartsWith("LISTED.", StringComparison.Ordinal));
        return a.KeyReasons.Length <= 4
            && listingsFirst
            && records.Zip(records.Skip(1)).All(p => p.First.Impact <= p.Second.Impact);
    }

    [Property(MaxTest = 200)]
    public bool The_summary_and_the_explanation_agree((int, int, int)[] spec, int asOfDay)
    {
        var asOf = T0.AddDays(Math.Abs(asOfDay % 1200));
        var facts = SubjectFacts.Compile(Compiled, SubjectFile.Create(Alice, Records(Alice, spec)));
        var a = Explainer.Assess(facts, asOf, true);
        var unclamped = 1000 + a.Contributions.Sum(c => c.Counted);
        return a.Summary == ScoringEngine.Evaluate(facts, asOf, true)
            && a.Score == Math.Clamp(unclamped, 0, 1500)
            && a.AreaSubtotals.Values.Sum() == unclamped - 1000;
    }

    [Property(MaxTest = 300)]
    public bool Precomputed_listings_agree_with_the_rules_at_every_instant((int, int, int)[] spec, int asOfDay, bool withdrawSome)
    {
        var records = Records(Alice, spec).ToList();
        if (withdrawSome && records.Count > 0)
        {
            records.Add(Withdraw(records[0], records[0].ReportedAt.AddDays(30)));
        }

        var facts = SubjectFacts.Compile(Compiled, SubjectFile.Create(Alice, records));
        var t = T0.AddDays(Math.Abs(asOfDay % 1500)).UtcTicks;
        var summary = ScoringEngine.Evaluate(facts, new DateTimeOffset(t, TimeSpan.Zero), true);
        var list = Compiled.Lists[Compiled.ListIndex("court-defaulters")];
        return summary.IsListed(Compiled.ListIndex("court-defaulters")) == ListEntries.AnyHolding(facts, list, t);
    }

    [Property(MaxTest = 300)]
    public bool The_score_timeline_agrees_with_the_per_fact_loop_at_and_around_every_change((int, int, int)[] spec, bool withdrawSome, bool disputeSome, bool repairSome)
    {
        var records = Records(Alice, spec).ToList();
        var disputes = new List<RecordDispute>();
        var repairs = new List<RecordRepair>();
        if (records.Count > 0)
        {
            if (withdrawSome)
            {
                records.Add(Withdraw(records[0], records[0].ReportedAt.AddDays(30)));
            }

            if (disputeSome)
            {
                disputes.Add(new RecordDispute(records[^1].Key, records[^1].ReportedAt.AddDays(3)));
            }

            if (repairSome)
            {
                repairs.Add(new RecordRepair(records[records.Count / 2].Key, records[records.Count / 2].ReportedAt.AddDays(200)));
            }
        }

        var facts = SubjectFacts.Compile(Compiled, SubjectFile.Create(Alice, records, [.. disputes], [.. repairs]));
        return Instants(facts).All(t => Agree(facts, t));
    }

    [Theory]
    [InlineData(6)]
    [InlineData(45)]
    public void Decaying_capped_facts_are_scored_alike_by_the_timeline_and_the_per_fact_loop(int violations)
    {
        // No sample type both decays and is capped; this policy makes traffic violations do both,
        // and 45 of them are more than the engine's stack buffer holds.
        var policy = Sample.Policy();
        policy = policy with
        {
            RecordTypes = [.. policy.RecordTypes.Select(t => t.Id == "traffic-violation" ? t with { Cap = new PointCap(8, PolicyDuration.FromMonths(1)) } : t)],
        };
        var compiled = CompiledPolicy.Compile(policy);
        var traffic = Enumerable.Range(0, violations).Select(i => Rec(Alice, "traffic-violation", T0.AddDays(20 * i), id: $"v{i}"));
        var late = Enumerable.Range(0, 8).Select(i => Rec(Alice, "late-credit-card-payment", T0.AddDays(40 * i), source: "bank", id: $"l{i}"));
        var facts = SubjectFacts.Compile(compiled, SubjectFile.Create(Alice, [.. traffic, .. late]));
        Assert.Equal(violations, facts.Dynamic.Length);
        Assert.Contains(Instants(facts), t => facts.Dynamic.Count(d => t >= d.Start && t < d.Stop) > 1);
        Assert.All(Instants(facts), t => Assert.True(Agree(facts, t), $"the two disagree at {new DateTimeOffset(t, TimeSpan.Zero):O}"));
    }

    /// <summary>Every instant at which some fact or step changes, with its neighbours, and some before and after all.</summary>
    private static IEnumerable<long> Instants(SubjectFacts facts) =>
        facts.Facts.SelectMany(f => new[] { f.Occurred, f.Start, f.End, f.Cut, f.KnownUntil, f.CapWindowStart })
            .Concat(facts.StepStarts)
            .Where(t => t > 1 && t < DateTimeOffset.MaxValue.UtcTicks - 1)
            .SelectMany(t => new[] { t - 1, t, t + 1 })
            .Append(T0.AddYears(-30).UtcTicks)
            .Append(T0.AddYears(30).UtcTicks)
            .Distinct();

    private static bool Agree(SubjectFacts facts, long t)
    {
        var contributions = new int[facts.Count];
        return ScoringEngine.Evaluate(facts, new DateTimeOffset(t, TimeSpan.Zero), true) == ScoringEngine.Evaluate(facts, t, true, contributions)
            && ScoringEngine.Evaluate(facts, new DateTimeOffset(t, TimeSpan.Zero), false) == ScoringEngine.Evaluate(facts, t, false, contributions);
    }

    [Property(MaxTest = 300)]
    public bool Listing_terms_agree_with_the_explanations_listings((int, int, int)[] spec, int asOfDay, bool withdrawSome)
    {
        var records = Records(Alice, spec).ToList();
        if (withdrawSome && records.Count > 0)
        {
            records.Add(Withdraw(records[0], records[0].ReportedAt.AddDays(30)));
        }

        var facts = SubjectFacts.Compile(Compiled, SubjectFile.Create(Alice, records));
        var asOf = T0.AddDays(Math.Abs(asOfDay % 1500));
        var explained = Explainer.Assess(facts, asOf, true);
        var terms = ListingTerms.At(facts, asOf, ScoringEngine.Evaluate(facts, asOf, true));
        return terms.Length == explained.Listings.Length
            && terms.Zip(explained.Listings).All(p =>
                Compiled.Policy.Lists[p.First.List].Id == p.Second.List && p.First.Since == p.Second.Since && p.First.Until == p.Second.Until);
    }

    [Fact]
    public void A_file_refuses_another_subjects_record()
    {
        var ex = Assert.Throws<ForeignRecordException>(() => SubjectFile.Create(Alice, [Rec(Alice, "late-utility-fees", T0), Rec(Bob, "late-utility-fees", T0)]));
        Assert.StartsWith("own-records-only", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_refuses_disputes_and_repairs_on_records_it_does_not_hold()
    {
        var bobs = Rec(Bob, "late-utility-fees", T0);
        Assert.Throws<ArgumentException>(() => SubjectFile.Create(Alice, [], [new RecordDispute(bobs.Key, T0)]));
        Assert.Throws<ArgumentException>(() => SubjectFile.Create(Alice, [], repairs: [new RecordRepair(bobs.Key, T0)]));
    }

    [Fact]
    public void A_file_refuses_broken_version_chains()
    {
        var r = Rec(Alice, "late-utility-fees", T0);
        Assert.Throws<ArgumentException>(() => SubjectFile.Create(Alice, [r, r with { Version = 3, Action = RecordAction.Corrected }]));
        Assert.Throws<ArgumentException>(() => SubjectFile.Create(Alice, [r with { Action = RecordAction.Corrected }]));
        var withdrawn = Withdraw(r, T0.AddDays(1));
        Assert.Throws<ArgumentException>(() => SubjectFile.Create(Alice, [r, withdrawn, withdrawn with { Version = 3, Action = RecordAction.Corrected }]));
    }

    [Fact]
    public void Scoring_a_subject_allocates_nothing_when_no_explanation_is_asked_for()
    {
        var facts = SubjectFacts.Compile(Compiled, SubjectFile.Create(Alice, Records(Alice, [.. Enumerable.Range(0, 10).Select(i => (i, i * 37, i * 1000))])));
        ScoringEngine.Evaluate(facts, T0.AddDays(400), true);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            ScoringEngine.Evaluate(facts, T0.AddDays(400 + i), true);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
