using Credence.Core.DueProcess;
using Credence.Core.Explanations;
using Credence.Core.Records;
using Credence.Core.Scoring;
using static Credence.Core.Tests.Scoring.Sample;

namespace Credence.Core.Tests.Scoring;

/// <summary>A decision's reasons are the causes of its answer: the listing for a restriction, the unmet condition for a benefit.</summary>
public class DecisionReasonTests
{
    private static readonly CompiledPolicy Compiled = CompiledPolicy.Compile(Sample.Policy());

    private static Assessment Assess(DateTimeOffset asOf, params Record[] records) =>
        Explainer.Assess(SubjectFacts.Compile(Compiled, SubjectFile.Create(Alice, records)), asOf, true);

    private static CapabilityDecision Decide(Assessment a, string capability) => Decider.Decide(a, Compiled.Policy, capability)!;

    [Theory]
    [InlineData("rail.g-train.ticket")]
    [InlineData("air.ticket")]
    public void A_restriction_through_the_defaulter_list_names_the_listing_and_its_records_and_no_score_reason(string capability)
    {
        var defaulter = Rec(Alice, "judgment-defaulter", T0, id: "Z-1");
        var second = Rec(Alice, "judgment-defaulter", T0.AddDays(3), id: "Z-2");
        var fees = Rec(Alice, "late-utility-fees", T0.AddDays(1), source: "water-co");
        var cards = Enumerable.Range(0, 3).Select(i => Rec(Alice, "late-credit-card-payment", T0.AddDays(i), source: "bank")).ToArray();
        var tax = Rec(Alice, "tax-evasion", T0, quantity: 200_000m, source: "tax");
        var a = Assess(T0.AddDays(10), [defaulter, second, fees, tax, .. cards]);

        // The file's explanation still has the score's reasons...
        Assert.Contains(a.KeyReasons, r => r.Code.StartsWith("RECORD.", StringComparison.Ordinal));

        // ...the decision only its causes.
        var d = Decide(a, capability);
        Assert.Equal(DecisionAnswer.Denied, d.Answer);
        var reason = Assert.Single(d.Reasons);
        Assert.Equal("LISTED.court-defaulters", reason.Code);
        Assert.Equal([defaulter.Key, second.Key], reason.Records.OrderBy(k => k.ToString(), StringComparer.Ordinal));
        Assert.DoesNotContain(d.Reasons.SelectMany(r => r.Records), k => k == fees.Key || k == tax.Key || cards.Any(c => c.Key == k));
        Assert.Contains("Z-1", reason.Text, StringComparison.Ordinal);
        Assert.Contains(d.Forward, f => f.Code == "listing-ends" && f.At == T0.AddDays(3).AddYears(2));
        Assert.Contains(d.Forward, f => f.Code == "fulfil-obligation");

        // The subject's notice gives ways back through the listing's records only.
        var n = NoticeComposer.AdverseDecision(a, d, "rail-12306", "dec-9");
        Assert.Equal(NoticeAbout.Decision("dec-9"), n.About);
        Assert.All(n.NextSteps, s => Assert.DoesNotContain(fees.Key.ToString(), s.Text, StringComparison.Ordinal));
        Assert.All(n.NextSteps, s => Assert.DoesNotContain(tax.Key.ToString(), s.Text, StringComparison.Ordinal));
        Assert.Contains(n.NextSteps, s => s.Action == "dispute" && s.Text.Contains(second.Key.ToString(), StringComparison.Ordinal));
        Assert.Contains(n.NextSteps, s => s.Action == "fulfil-obligation");
    }

    [Fact]
    public void A_benefit_below_its_grade_is_not_granted_with_grade_needed_and_held_and_the_date_it_is_reached()
    {
        var heroic = Rec(Alice, "heroic-act", T0, source: "city");
        var fees = Rec(Alice, "late-utility-fees", T0.AddDays(2), source: "water-co");
        var a = Assess(T0.AddDays(10), heroic, fees);
        Assert.Equal("A", a.Grade);
        var d = Decide(a, "deposit-free-rental");
        Assert.Equal(DecisionAnswer.NotGranted, d.Answer);
        Assert.False(d.Allowed);
        Assert.Equal(["GRADE.BELOW.AA", "RECORD.late-utility-fees"], d.Reasons.Select(r => r.Code));
        Assert.Contains("grade A", d.Reasons[0].Text, StringComparison.Ordinal);
        Assert.Contains("20 points short", d.Reasons[0].Text, StringComparison.Ordinal);
        Assert.Equal([fees.Key], d.Reasons[1].Records.ToArray());
        var reached = Assert.Single(d.Forward, f => f.Code == "grade-by-expiry");
        Assert.Equal(T0.AddDays(2).AddYears(1), reached.At);
        Assert.Contains(d.Forward, f => f.Code == "earn-points");
    }

    [Fact]
    public void A_listed_defaulter_refused_a_grade_benefit_is_told_of_the_grade_not_the_listing()
    {
        var defaulter = Rec(Alice, "judgment-defaulter", T0);
        var d = Decide(Assess(T0.AddDays(1), defaulter), "deposit-free-rental");
        Assert.Equal(DecisionAnswer.NotGranted, d.Answer);
        Assert.DoesNotContain(d.Reasons, r => r.Code.StartsWith("LISTED.", StringComparison.Ordinal));
        Assert.Equal("GRADE.BELOW.AA", d.Reasons[0].Code);
    }

    [Fact]
    public void A_redlist_benefit_blocked_by_a_recent_negative_record_names_that_record_and_when_the_window_clears()
    {
        var heroic = Enumerable.Range(0, 2).Select(i => Rec(Alice, "heroic-act", T0.AddDays(i), source: "city")).ToArray();
        var fees = Rec(Alice, "late-utility-fees", T0.AddDays(3), source: "water-co");
        var a = Assess(T0.AddDays(5), [.. heroic, fees]);
        Assert.Equal("AA", a.Grade);
        var d = Decide(a, "transit.fare-discount");
        Assert.Equal(DecisionAnswer.NotGranted, d.Answer);
        Assert.Equal(["NOT-LISTED.honest-citizens", "NEGATIVE-WITHIN.honest-citizens"], d.Reasons.Select(r => r.Code));
        Assert.Equal([fees.Key], d.Reasons[1].Records.ToArray());
        Assert.Equal(T0.AddDays(3).AddYears(1), Assert.Single(d.Forward, f => f.Code == "window-ends").At);

        // The engine agrees: on the list exactly when the window clears.
        Assert.Contains(Assess(T0.AddDays(3).AddYears(1), [.. heroic, fees]).Listings, l => l.List == "honest-citizens");
    }

    [Fact]
    public void A_redlist_benefit_below_the_lists_grade_names_the_grade_and_the_records_against_it()
    {
        var fees = Rec(Alice, "late-utility-fees", T0.AddYears(-2), source: "water-co");
        var cards = Rec(Alice, "late-credit-card-payment", T0.AddDays(-10), source: "bank");
        var d = Decide(Assess(T0, fees, cards), "transit.fare-discount");
        Assert.Equal(["NOT-LISTED.honest-citizens", "GRADE.BELOW.AA", "NEGATIVE-WITHIN.honest-citizens", "RECORD.late-credit-card-payment"], d.Reasons.Select(r => r.Code));

        // The expired utility fees neither count nor fall in the window: they are not named.
        Assert.DoesNotContain(d.Reasons.SelectMany(r => r.Records), k => k == fees.Key);
    }

    [Fact]
    public void Without_consent_a_benefit_is_not_granted_and_the_way_forward_is_consent()
    {
        var policy = CompiledPolicy.Compile(Sample.Policy(consentRequired: true));
        var a = Explainer.Assess(SubjectFacts.Compile(policy, SubjectFile.Create(Alice, [Rec(Alice, "late-utility-fees", T0, source: "water-co")])), T0.AddDays(1), false);
        var d = Decider.Decide(a, policy.Policy, "deposit-free-rental")!;
        Assert.Equal(DecisionAnswer.NotGranted, d.Answer);
        Assert.Equal("NO-CONSENT", Assert.Single(d.Reasons).Code);
        Assert.Equal("give-consent", Assert.Single(d.Forward).Code);
    }

    [Fact]
    public void A_minor_is_not_granted_a_benefit_and_is_told_when_scoring_begins()
    {
        var a = Explainer.Assess(SubjectFacts.Compile(Compiled, SubjectFile.Create(Minor, [])), T0, true);
        var d = Decide(a, "deposit-free-rental");
        Assert.Equal("UNDER-AGE", Assert.Single(d.Reasons).Code);
        Assert.Equal(new DateTimeOffset(2028, 1, 1, 0, 0, 0, TimeSpan.Zero), Assert.Single(d.Forward).At);
        Assert.True(Decide(a, "rail.g-train.ticket").Allowed);
    }

    [Fact]
    public void A_benefit_not_granted_is_its_own_notice_kind_explained_with_the_path_forward_and_no_appeal()
    {
        var heroic = Rec(Alice, "heroic-act", T0, source: "city");
        var fees = Rec(Alice, "late-utility-fees", T0.AddDays(2), source: "water-co");
        var a = Assess(T0.AddDays(10), heroic, fees);
        var d = Decide(a, "deposit-free-rental");
        Assert.Null(NoticeComposer.ForDecision(a, Decide(Assess(T0.AddDays(10), heroic), "rail.g-train.ticket"), "bike-share", "dec-0"));
        var n = NoticeComposer.ForDecision(a, d, "bike-share", "dec-1")!;
        Assert.Equal(NoticeKind.BenefitNotGranted, n.Kind);
        Assert.Equal(NoticeAbout.Decision("dec-1"), n.About);
        Assert.Contains("not granted", n.Title, StringComparison.Ordinal);
        Assert.Equal(d.Reasons.Select(r => r.Code), n.Reasons.Select(r => r.Code));
        Assert.DoesNotContain(n.NextSteps, s => s.Action is "appeal" or "none");
        Assert.Contains(n.NextSteps, s => s.Action == "wait" && s.From == T0.AddDays(2).AddYears(1));
        Assert.Contains(n.NextSteps, s => s.Action == "earn-points");
        Assert.Contains(n.NextSteps, s => s.Action == "dispute" && s.Text.Contains(fees.Key.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void The_measures_in_the_file_carry_their_causes_too()
    {
        var defaulter = Rec(Alice, "judgment-defaulter", T0);
        var a = Assess(T0.AddDays(1), defaulter, Rec(Alice, "late-utility-fees", T0, source: "water-co"));
        var train = a.Measures.Single(m => m.Measure == "restrict-g-train");
        Assert.True(train.Triggered);
        Assert.Equal("LISTED.court-defaulters", Assert.Single(train.Reasons).Code);
        Assert.Equal("GRADE.BELOW.AA", a.Measures.Single(m => m.Measure == "grant-deposit-free-rental").Reasons[0].Code);
        Assert.Empty(Assess(T0.AddDays(1)).Measures.Single(m => m.Measure == "restrict-g-train").Reasons);
    }

    [Fact]
    public void An_organisation_excluded_from_procurement_is_told_of_the_violators_list_and_a_fast_track_it_lacks_of_the_record_it_needs()
    {
        var policy = CompiledPolicy.Compile(Core.Policies.Loading.PolicyLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "policies", "organisations.yaml")).EnsureValid());
        Record Org(string type, DateTimeOffset at, string id) =>
            new(new RecordKey("tax-bureau", id), 1, RecordAction.Submitted, Acme, type, Area.Administrative, at, at, "decision " + id, null);
        var evasion = Org("tax-evasion", T0, "E-1");
        var late = Org("late-tax-filing", T0.AddDays(5), "L-1");
        var arrears = Org("tax-arrears", T0.AddDays(6), "A-1");
        var a = Explainer.Assess(SubjectFacts.Compile(policy, SubjectFile.Create(Acme, [evasion, late, arrears])), T0.AddDays(10), true);

        var procurement = Decider.Decide(a, policy.Policy, "procurement.bid")!;
        Assert.Equal(DecisionAnswer.Denied, procurement.Answer);
        Assert.Equal(("LISTED.serious-violators", evasion.Key), (Assert.Single(procurement.Reasons).Code, Assert.Single(procurement.Reasons[0].Records)));

        var fastTrack = Decider.Decide(a, policy.Policy, "customs.fast-track")!;
        Assert.Equal(DecisionAnswer.NotGranted, fastTrack.Answer);
        Assert.Equal(["NOT-LISTED.model-taxpayers", "NEEDS-RECORD.model-taxpayers", "NEGATIVE-WITHIN.model-taxpayers"], fastTrack.Reasons.Select(r => r.Code));
        Assert.Equal([evasion.Key, late.Key, arrears.Key], fastTrack.Reasons[2].Records.ToArray());
        Assert.Contains(fastTrack.Forward, f => f.Code == "record-needed" && f.Text.Contains("a-grade-taxpayer", StringComparison.Ordinal));
        Assert.Contains(fastTrack.Forward, f => f.Code == "window-ends" && f.At == T0.AddDays(6).AddYears(2));

        var invoicing = Decider.Decide(a, policy.Policy, "tax.simplified-invoicing")!;
        Assert.Equal(["GRADE.BELOW.A", "RECORD.tax-evasion", "RECORD.tax-arrears", "RECORD.late-tax-filing"], invoicing.Reasons.Select(r => r.Code));
    }
}
