using Credence.Core.Explanations;
using Credence.Core.Records;
using Credence.Core.Scoring;
using static Credence.Core.Tests.Scoring.Sample;

namespace Credence.Core.Tests.Scoring;

public class ListingTests
{
    private static readonly CompiledPolicy Compiled = CompiledPolicy.Compile(Sample.Policy());

    private static Assessment Assess(DateTimeOffset asOf, params Record[] records) =>
        Explainer.Assess(SubjectFacts.Compile(Compiled, SubjectFile.Create(Alice, records)), asOf, true);

    private static CapabilityDecision Decide(Assessment a, string capability) => Decider.Decide(a, Compiled.Policy, capability)!;

    [Fact]
    public void A_court_defaulter_is_listed_and_denied_a_train_ticket_with_the_listing_as_reason()
    {
        var defaulter = Rec(Alice, "judgment-defaulter", T0);
        var a = Assess(T0.AddDays(1), defaulter);
        var listing = Assert.Single(a.Listings);
        Assert.Equal("court-defaulters", listing.List);
        Assert.Equal(T0.AddYears(2), listing.Until);
        Assert.Equal([defaulter.Key], listing.Records.ToArray());
        var decision = Decide(a, "rail.g-train.ticket");
        Assert.False(decision.Allowed);
        Assert.Equal("LISTED.court-defaulters", decision.Reasons[0].Code);
        Assert.Equal("test-persons@1", decision.PolicyVersion);
    }

    [Fact]
    public void Performing_the_judgment_ends_the_listing_and_the_ticket_is_allowed()
    {
        var defaulter = Rec(Alice, "judgment-defaulter", T0);
        var performed = Rec(Alice, "judgment-performed", T0.AddDays(40));
        Assert.NotEmpty(Assess(T0.AddDays(39), defaulter, performed).Listings);
        var after = Assess(T0.AddDays(40), defaulter, performed);
        Assert.Empty(after.Listings);
        Assert.True(Decide(after, "rail.g-train.ticket").Allowed);
    }

    [Fact]
    public void A_performance_recorded_before_the_listing_does_not_end_it()
    {
        var performed = Rec(Alice, "judgment-performed", T0);
        var defaulter = Rec(Alice, "judgment-defaulter", T0.AddDays(5));
        Assert.NotEmpty(Assess(T0.AddDays(6), performed, defaulter).Listings);
    }

    [Fact]
    public void The_fixed_term_ends_the_listing_at_its_exact_instant()
    {
        var defaulter = Rec(Alice, "judgment-defaulter", T0);
        Assert.NotEmpty(Assess(T0.AddYears(2).AddTicks(-1), defaulter).Listings);
        Assert.Empty(Assess(T0.AddYears(2), defaulter).Listings);
    }

    [Fact]
    public void An_extension_lengthens_the_term()
    {
        var defaulter = Rec(Alice, "judgment-defaulter", T0);
        var extended = Rec(Alice, "defaulter-term-extended", T0.AddYears(1));
        var a = Assess(T0.AddYears(2).AddDays(1), defaulter, extended);
        Assert.Equal(T0.AddYears(3), Assert.Single(a.Listings).Until);
        Assert.Empty(Assess(T0.AddYears(3), defaulter, extended).Listings);
    }

    [Fact]
    public void An_extension_after_the_term_ended_does_not_revive_the_listing()
    {
        var defaulter = Rec(Alice, "judgment-defaulter", T0);
        var late = Rec(Alice, "defaulter-term-extended", T0.AddYears(2).AddDays(1));
        Assert.Empty(Assess(T0.AddYears(2).AddDays(2), defaulter, late).Listings);
    }

    [Fact]
    public void A_withdrawn_listing_record_ends_the_listing()
    {
        var defaulter = Rec(Alice, "judgment-defaulter", T0);
        var a = Assess(T0.AddDays(20), defaulter, Withdraw(defaulter, T0.AddDays(10)));
        Assert.Empty(a.Listings);
        Assert.True(Decide(a, "air.ticket").Allowed);
    }

    [Fact]
    public void A_redlist_needs_the_grade_and_a_clean_recent_history()
    {
        var heroic = Enumerable.Range(0, 2).Select(i => Rec(Alice, "heroic-act", T0.AddDays(i), null, source: "city")).ToArray();
        var a = Assess(T0.AddDays(5), heroic);
        Assert.Equal("AAA", a.Grade);
        Assert.Contains(a.Listings, l => l.List == "honest-citizens");
        Assert.True(Decide(a, "transit.fare-discount").Allowed);

        var fees = Rec(Alice, "late-utility-fees", T0.AddDays(3));
        var b = Assess(T0.AddDays(5), [.. heroic, fees]);
        Assert.Equal("AA", b.Grade);
        Assert.DoesNotContain(b.Listings, l => l.List == "honest-citizens");
        var denied = Decide(b, "transit.fare-discount");
        Assert.False(denied.Allowed);
        Assert.Equal("NOT-LISTED.honest-citizens", denied.Reasons[0].Code);

        // The negative record blocks until the last tick of the year after it occurred, and not after.
        Assert.DoesNotContain(Assess(T0.AddDays(3).AddYears(1).AddTicks(-1), [.. heroic, fees]).Listings, l => l.List == "honest-citizens");
        Assert.Contains(Assess(T0.AddDays(3).AddYears(1), [.. heroic, fees]).Listings, l => l.List == "honest-citizens");
    }

    [Fact]
    public void A_low_grade_withholds_a_reward_with_the_grade_as_reason()
    {
        var a = Assess(T0.AddDays(1), Rec(Alice, "late-utility-fees", T0));
        var decision = Decide(a, "deposit-free-rental");
        Assert.False(decision.Allowed);
        Assert.Equal("GRADE.BELOW.AA", decision.Reasons[0].Code);
        Assert.True(decision.Reasons.Length <= 4);
    }

    [Fact]
    public void A_capability_no_measure_names_is_not_decided()
    {
        Assert.Null(Decider.Decide(Assess(T0), Compiled.Policy, "no.such.capability"));
    }

    [Fact]
    public void A_low_score_alone_never_restricts()
    {
        var records = Enumerable.Range(0, 25).Select(i => Rec(Alice, "loan-contract-default", T0.AddDays(i))).ToArray();
        var a = Assess(T0.AddDays(30), records);
        Assert.Equal("D", a.Grade);
        Assert.True(Decide(a, "rail.g-train.ticket").Allowed);
        Assert.True(Decide(a, "air.ticket").Allowed);
    }
}
