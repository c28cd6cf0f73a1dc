using Credence.Core.Explanations;
using Credence.Core.Records;
using Credence.Core.Scoring;
using static Credence.Core.Tests.Scoring.Sample;

namespace Credence.Core.Tests.Scoring;

public class ExplanationTests
{
    private static readonly CompiledPolicy Compiled = CompiledPolicy.Compile(Sample.Policy());

    private static Assessment Assess(DateTimeOffset asOf, params Record[] records) =>
        Explainer.Assess(SubjectFacts.Compile(Compiled, SubjectFile.Create(Alice, records)), asOf, true);

    [Fact]
    public void Every_contribution_names_the_instant_it_stops_counting()
    {
        var r = Rec(Alice, "loan-contract-default", T0);
        var c = Assert.Single(Assess(T0.AddDays(1), r).Contributions);
        Assert.Equal(r.Key, c.Record);
        Assert.Equal(-20, c.Counted);
        Assert.Equal(T0.AddYears(2), c.CountsUntil);
    }

    [Fact]
    public void Key_reasons_are_at_most_four_and_ordered_by_impact_with_listings_first()
    {
        var a = Assess(T0.AddDays(10),
            Rec(Alice, "late-credit-card-payment", T0),
            Rec(Alice, "late-utility-fees", T0),
            Rec(Alice, "loan-contract-default", T0),
            Rec(Alice, "loan-contract-default", T0.AddDays(1)),
            Rec(Alice, "tax-evasion", T0),
            Rec(Alice, "traffic-violation", T0),
            Rec(Alice, "judgment-defaulter", T0));
        Assert.Equal(4, a.KeyReasons.Length);
        Assert.Equal(["LISTED.court-defaulters", "RECORD.judgment-defaulter", "RECORD.tax-evasion", "RECORD.loan-contract-default"], a.KeyReasons.Select(r => r.Code).ToArray());
    }

    [Fact]
    public void The_policy_can_ask_for_fewer_key_factors()
    {
        var policy = CompiledPolicy.Compile(Sample.Policy(maxKeyFactors: 2));
        var a = Explainer.Assess(SubjectFacts.Compile(policy, SubjectFile.Create(Alice, [Rec(Alice, "late-utility-fees", T0), Rec(Alice, "loan-contract-default", T0), Rec(Alice, "tax-evasion", T0)])), T0.AddDays(1), true);
        Assert.Equal(2, a.KeyReasons.Length);
    }

    [Fact]
    public void A_good_outcome_has_no_key_reasons()
    {
        Assert.Empty(Assess(T0, Rec(Alice, "volunteering", T0, null, source: "charity")).KeyReasons);
    }

    [Fact]
    public void A_record_repaired_twice_is_explained_as_repaired_from_the_earlier_grant_as_it_is_scored()
    {
        var fees = Rec(Alice, "loan-contract-default", T0);
        var file = SubjectFile.Create(Alice, [fees], repairs: [new RecordRepair(fees.Key, T0.AddDays(20)), new RecordRepair(fees.Key, T0.AddDays(10))]);
        var a = Explainer.Assess(SubjectFacts.Compile(Compiled, file), T0.AddDays(15), true);
        var inactive = Assert.Single(a.Inactive);
        Assert.Equal("repaired", inactive.Reason);
        Assert.Contains(T0.AddDays(10).ToString("u", System.Globalization.CultureInfo.InvariantCulture), inactive.Detail, StringComparison.Ordinal);
        Assert.Empty(a.Contributions);
    }

    [Fact]
    public void The_path_forward_lists_expiries_in_order_with_points_restored()
    {
        var a = Assess(T0.AddDays(1), Rec(Alice, "loan-contract-default", T0), Rec(Alice, "late-utility-fees", T0));
        Assert.Equal([T0.AddYears(1), T0.AddYears(2)], a.PathForward.Expiries.Select(e => e.At).ToArray());
        Assert.Equal([20, 20], a.PathForward.Expiries.Select(e => e.PointsRestored).ToArray());
    }

    [Fact]
    public void The_path_forward_says_when_a_repair_opens_and_what_it_needs()
    {
        var fees = Rec(Alice, "late-utility-fees", T0);
        var before = Assess(T0.AddDays(1), fees);
        var opening = Assert.Single(before.PathForward.Repairs);
        Assert.Equal(T0.AddMonths(3), opening.OpensAt);
        Assert.Equal(["utility-arrears-paid"], opening.NeedsOneOf.ToArray());
        Assert.Null(opening.FulfilledBy);
        Assert.False(opening.AvailableNow);

        var paid = Rec(Alice, "utility-arrears-paid", T0.AddDays(20), null, source: "utility");
        var early = Assert.Single(Assess(T0.AddDays(30), fees, paid).PathForward.Repairs);
        Assert.Equal(paid.Key, early.FulfilledBy);
        Assert.False(early.AvailableNow);
        Assert.True(Assert.Single(Assess(T0.AddMonths(3), fees, paid).PathForward.Repairs).AvailableNow);
    }

    [Fact]
    public void The_path_forward_names_rewards_and_the_next_grade_with_the_date_expiries_reach_it()
    {
        var a = Assess(T0.AddDays(3), Rec(Alice, "loan-contract-default", T0), Rec(Alice, "loan-contract-default", T0.AddDays(1)), Rec(Alice, "loan-contract-default", T0.AddDays(2)));
        Assert.Equal(940, a.Score);
        Assert.Equal("B", a.Grade);
        var next = a.PathForward.NextGrade!;
        Assert.Equal("A", next.Grade);
        Assert.Equal(20, next.PointsNeeded);
        Assert.Equal(T0.AddYears(2), next.ReachedByExpiryAt);
        Assert.Contains(a.PathForward.Rewards, r => r.Type == "volunteering" && r.Cap is not null);
    }

    [Fact]
    public void The_path_forward_says_how_a_listing_ends()
    {
        var a = Assess(T0.AddDays(1), Rec(Alice, "judgment-defaulter", T0));
        var exit = Assert.Single(a.PathForward.ListingExits);
        Assert.Equal(T0.AddYears(2), exit.EndsAt);
        Assert.Equal(["judgment-performed"], exit.EndsOnRecordOf.ToArray());
    }
}
