using Credence.Core.Explanations;
using Credence.Core.Identifiers;
using Credence.Core.Policies;
using Credence.Core.Records;
using Credence.Core.Scoring;
using static Credence.Core.Tests.Scoring.Sample;

namespace Credence.Core.Tests.Scoring;

public class ScoringEngineTests
{
    private static readonly CompiledPolicy Compiled = CompiledPolicy.Compile(Sample.Policy());

    private static ScoreSummary Score(SubjectId subject, DateTimeOffset asOf, bool consent = true, params Record[] records) =>
        ScoringEngine.Evaluate(SubjectFacts.Compile(Compiled, SubjectFile.Create(subject, records)), asOf, consent);

    private static Assessment Assess(SubjectFile file, DateTimeOffset asOf, bool consent = true, CompiledPolicy? policy = null) =>
        Explainer.Assess(SubjectFacts.Compile(policy ?? Compiled, file), asOf, consent);

    [Fact]
    public void A_subject_without_records_has_the_base_score_and_its_grade()
    {
        var s = Score(Alice, T0);
        Assert.Equal(ScoreStatus.Scored, s.Status);
        Assert.Equal(1000, s.Score);
        Assert.Equal("A", Compiled.Policy.Grades[s.GradeIndex].Name);
    }

    [Fact]
    public void An_effect_counts_at_the_last_tick_of_its_window_and_not_after()
    {
        var r = Rec(Alice, "late-utility-fees", T0);
        var end = T0.AddYears(1);
        Assert.Equal(1000, Score(Alice, T0.AddTicks(-1), true, r).Score);
        Assert.Equal(980, Score(Alice, T0, true, r).Score);
        Assert.Equal(980, Score(Alice, end.AddTicks(-1), true, r).Score);
        Assert.Equal(1000, Score(Alice, end, true, r).Score);
    }

    [Fact]
    public void A_record_counts_only_once_it_is_reported()
    {
        var r = Rec(Alice, "late-utility-fees", T0, reported: T0.AddDays(10));
        Assert.Equal(1000, Score(Alice, T0.AddDays(5), true, r).Score);
        Assert.Equal(980, Score(Alice, T0.AddDays(10), true, r).Score);
    }

    [Fact]
    public void Caps_limit_a_type_within_its_window()
    {
        var records = Enumerable.Range(0, 5).Select(i => Rec(Alice, "late-credit-card-payment", T0.AddDays(i * 30))).ToArray();
        var s = Score(Alice, T0.AddDays(150), true, records);
        Assert.Equal(970, s.Score);

        // A record outside the window of the earlier ones counts again in full.
        var spread = new[] { Rec(Alice, "late-credit-card-payment", T0), Rec(Alice, "late-credit-card-payment", T0.AddDays(200)), Rec(Alice, "late-credit-card-payment", T0.AddDays(300)), Rec(Alice, "late-credit-card-payment", T0.AddDays(400)) };
        Assert.Equal(970, Score(Alice, T0.AddDays(300), true, spread[..3]).Score);
        Assert.Equal(970, Score(Alice, T0.AddDays(400), true, spread).Score);
    }

    [Fact]
    public void Rewards_are_capped_too()
    {
        var records = Enumerable.Range(0, 10).Select(i => Rec(Alice, "volunteering", T0.AddDays(i), legalBasis: null, source: "charity")).ToArray();
        Assert.Equal(1030, Score(Alice, T0.AddDays(20), true, records).Score);
    }

    [Fact]
    public void Decay_falls_linearly_to_zero_and_truncates_toward_zero()
    {
        var r = Rec(Alice, "traffic-violation", T0);
        var end = T0.AddMonths(3);
        Assert.Equal(995, Score(Alice, T0, true, r).Score);
        var half = T0 + ((end - T0) / 2);
        Assert.Equal(998, Score(Alice, half, true, r).Score);
        Assert.Equal(1000, Score(Alice, end.AddTicks(-1), true, r).Score);
    }

    [Fact]
    public void Per_unit_points_follow_the_quantity_up_to_the_maximum_steps()
    {
        Assert.Equal(950 - 12, Score(Alice, T0, true, Rec(Alice, "tax-evasion", T0, quantity: 125_000m)).Score);
        Assert.Equal(950 - 50, Score(Alice, T0, true, Rec(Alice, "tax-evasion", T0, quantity: 9_000_000m)).Score);
    }

    [Fact]
    public void The_score_is_clamped_to_the_scale()
    {
        var records = Enumerable.Range(0, 12).Select(i => Rec(Alice, "judgment-defaulter", T0.AddDays(i))).ToArray();
        Assert.Equal(0, Score(Alice, T0.AddDays(20), true, records).Score);
    }

    [Fact]
    public void A_negative_record_without_legal_basis_is_ignored_and_explained()
    {
        var r = Rec(Alice, "late-utility-fees", T0, legalBasis: " ");
        var a = Assess(SubjectFile.Create(Alice, [r]), T0);
        Assert.Equal(1000, a.Score);
        Assert.Contains(a.Inactive, i => i.Reason == "missing-legal-basis");
    }

    [Fact]
    public void Unknown_types_are_ignored_and_explained()
    {
        var r = Rec(Alice, "no-such-type", T0);
        var a = Assess(SubjectFile.Create(Alice, [r]), T0);
        Assert.Equal(1000, a.Score);
        Assert.Contains(a.Inactive, i => i.Reason == "unknown-type");
    }

    [Fact]
    public void Without_required_consent_there_is_no_score_and_no_reward_but_legal_listings_apply()
    {
        var policy = CompiledPolicy.Compile(Sample.Policy(consentRequired: true));
        var file = SubjectFile.Create(Alice, [Rec(Alice, "judgment-defaulter", T0), Rec(Alice, "heroic-act", T0, source: "city"), Rec(Alice, "heroic-act", T0.AddDays(1), source: "city"), Rec(Alice, "heroic-act", T0.AddDays(2), source: "city"), Rec(Alice, "heroic-act", T0.AddDays(3), source: "city"), Rec(Alice, "heroic-act", T0.AddDays(4), source: "city")]);
        var without = Assess(file, T0.AddDays(10), consent: false, policy);
        Assert.Equal(ScoreStatus.NoConsent, without.Status);
        Assert.Null(without.Score);
        Assert.Null(without.Grade);
        Assert.Contains(without.Listings, l => l.List == "court-defaulters");
        Assert.DoesNotContain(without.Measures, m => m.Effect == MeasureEffect.Grant && m.Triggered);
        Assert.Contains(without.Measures, m => m.Measure == "restrict-g-train" && m.Triggered);
        Assert.Equal("NO-CONSENT", without.KeyReasons[0].Code);

        var with = Assess(file, T0.AddDays(10), consent: true, policy);
        Assert.Equal(1050, with.Score);
    }

    [Fact]
    public void Consent_is_irrelevant_when_the_policy_does_not_require_it()
    {
        Assert.Equal(ScoreStatus.Scored, Score(Alice, T0, consent: false).Status);
    }

    [Fact]
    public void Minors_are_neither_scored_nor_listed()
    {
        var r = Rec(Minor, "judgment-defaulter", T0);
        var s = Score(Minor, T0.AddDays(1), true, r);
        Assert.Equal(ScoreStatus.UnderAge, s.Status);
        Assert.Equal(0UL, s.Lists);
        Assert.Equal(0UL, s.Measures);
        var a = Assess(SubjectFile.Create(Minor, [r]), T0.AddDays(1));
        Assert.Equal("UNDER-AGE", Assert.Single(a.KeyReasons).Code);

        // From the eighteenth birthday (midnight UTC) on, the person is scored.
        Assert.Equal(ScoreStatus.UnderAge, Score(Minor, new DateTimeOffset(2027, 12, 31, 23, 59, 59, TimeSpan.Zero)).Status);
        Assert.Equal(ScoreStatus.Scored, Score(Minor, new DateTimeOffset(2028, 1, 1, 0, 0, 0, TimeSpan.Zero)).Status);
    }

    [Fact]
    public void A_subject_of_another_kind_is_not_covered()
    {
        var s = Score(Acme, T0);
        Assert.Equal(ScoreStatus.NotCovered, s.Status);
    }

    [Fact]
    public void A_withdrawn_record_stops_counting_from_its_withdrawal_and_history_is_kept()
    {
        var r = Rec(Alice, "late-utility-fees", T0);
        var file = SubjectFile.Create(Alice, [r, Withdraw(r, T0.AddDays(10))]);
        var facts = SubjectFacts.Compile(Compiled, file);
        Assert.Equal(980, ScoringEngine.Evaluate(facts, T0.AddDays(9), true).Score);
        Assert.Equal(1000, ScoringEngine.Evaluate(facts, T0.AddDays(10), true).Score);
        var a = Explainer.Assess(facts, T0.AddDays(11), true);
        Assert.Contains(a.Inactive, i => i.Reason == "withdrawn");
        Assert.Equal(2, file.Versions.Length);
    }

    [Fact]
    public void A_correction_replaces_the_facts_from_its_report()
    {
        var r = Rec(Alice, "tax-evasion", T0, quantity: 100_000m);
        var corrected = r with { Version = 2, Action = RecordAction.Corrected, Quantity = 0m, ReportedAt = T0.AddDays(5) };
        var facts = SubjectFacts.Compile(Compiled, SubjectFile.Create(Alice, [r, corrected]));
        Assert.Equal(940, ScoringEngine.Evaluate(facts, T0.AddDays(4), true).Score);
        Assert.Equal(950, ScoringEngine.Evaluate(facts, T0.AddDays(5), true).Score);
    }

    [Fact]
    public void A_disputed_record_counts_or_not_as_its_type_says()
    {
        var fees = Rec(Alice, "late-utility-fees", T0);
        var defaulter = Rec(Alice, "judgment-defaulter", T0);
        var file = SubjectFile.Create(Alice, [fees, defaulter], [new RecordDispute(fees.Key, T0.AddDays(3)), new RecordDispute(defaulter.Key, T0.AddDays(3))]);
        var a = Assess(file, T0.AddDays(4));
        Assert.Equal(900, a.Score);
        Assert.Contains(a.Inactive, i => i.Record == fees.Key && i.Reason == "disputed");
        Assert.True(Assert.Single(a.Contributions).Disputed);
    }

    [Fact]
    public void A_granted_repair_ends_the_effect_at_its_instant()
    {
        var fees = Rec(Alice, "late-utility-fees", T0);
        var file = SubjectFile.Create(Alice, [fees], repairs: [new RecordRepair(fees.Key, T0.AddDays(100))]);
        var facts = SubjectFacts.Compile(Compiled, file);
        Assert.Equal(980, ScoringEngine.Evaluate(facts, T0.AddDays(100).AddTicks(-1), true).Score);
        Assert.Equal(1000, ScoringEngine.Evaluate(facts, T0.AddDays(100), true).Score);
        Assert.Contains(Explainer.Assess(facts, T0.AddDays(101), true).Inactive, i => i.Reason == "repaired");
    }

    [Fact]
    public void The_same_inputs_always_give_the_same_assessment()
    {
        var records = new[] { Rec(Alice, "late-utility-fees", T0), Rec(Alice, "volunteering", T0, null, source: "charity"), Rec(Alice, "traffic-violation", T0.AddDays(3)) };
        var a = Assess(SubjectFile.Create(Alice, records), T0.AddDays(30));
        var b = Assess(SubjectFile.Create(Alice, records.Reverse()), T0.AddDays(30));
        Assert.Equal(a.Summary, b.Summary);
        Assert.Equal(a.Contributions.ToArray(), b.Contributions.ToArray());
        Assert.Equal(a.KeyReasons.Select(r => r.Code), b.KeyReasons.Select(r => r.Code));
    }

    [Fact]
    public void Area_subtotals_add_up_to_the_score_movement()
    {
        var records = new[] { Rec(Alice, "late-utility-fees", T0), Rec(Alice, "volunteering", T0, null, source: "charity"), Rec(Alice, "loan-contract-default", T0) };
        var a = Assess(SubjectFile.Create(Alice, records), T0.AddDays(1));
        Assert.Equal(-15, a.AreaSubtotals[Area.Social]);
        Assert.Equal(-20, a.AreaSubtotals[Area.Commercial]);
        Assert.Equal(a.Score - 1000, a.AreaSubtotals.Values.Sum());
    }
}
