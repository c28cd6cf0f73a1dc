using Credence.Core.DueProcess;
using Credence.Core.Records;
using Credence.Core.Scoring;
using static Credence.Core.Tests.DueProcess.Fixture;
using static Credence.Core.Tests.Scoring.Sample;

namespace Credence.Core.Tests.DueProcess;

public class RepairTests
{
    private static readonly Record Arrears = Rec(Alice, "late-utility-fees", T0, source: "water-co");

    private static readonly Record Paid = Rec(Alice, "utility-arrears-paid", T0.AddDays(20), source: "water-co");

    [Fact]
    public void Eligible_once_the_minimum_period_is_served_and_the_obligation_shown_fulfilled()
    {
        var a = RepairAssessor.Assess(Facts(Arrears, Paid), Arrears.Key, T0.AddMonths(3));
        Assert.True(a.Eligible);
        Assert.Empty(a.Unmet);
        Assert.Equal(Paid.Key, a.FulfilledBy);
        Assert.Equal(T0.AddMonths(3), a.OpensAt);
        Assert.Equal(new RecordRepair(Arrears.Key, T0.AddMonths(3)), a.Repair);
        Assert.Equal("test-persons@1", a.PolicyVersion);
    }

    [Fact]
    public void A_file_and_a_compiled_policy_give_the_same_assessment()
    {
        var a = RepairAssessor.Assess(Compiled, SubjectFile.Create(Alice, [Arrears, Paid]), Arrears.Key, T0.AddMonths(3));
        Assert.True(a.Eligible);
        Assert.Equal(Paid.Key, a.FulfilledBy);
    }

    [Fact]
    public void Refused_before_the_minimum_period_with_the_date_it_is_served()
    {
        var a = RepairAssessor.Assess(Facts(Arrears, Paid), Arrears.Key, T0.AddMonths(3).AddTicks(-1));
        Assert.False(a.Eligible);
        Assert.Null(a.Repair);
        var unmet = Assert.Single(a.Unmet);
        Assert.Equal("minimum-period-not-served", unmet.Code);
        Assert.Equal(T0.AddMonths(3), unmet.MetAt);
    }

    [Fact]
    public void Refused_without_a_record_showing_the_obligation_fulfilled_naming_the_types_that_would()
    {
        var a = RepairAssessor.Assess(Facts(Arrears), Arrears.Key, T0.AddMonths(4));
        var unmet = Assert.Single(a.Unmet);
        Assert.Equal("obligation-not-fulfilled", unmet.Code);
        Assert.Contains("utility-arrears-paid", unmet.Text, StringComparison.Ordinal);
        Assert.Equal(["utility-arrears-paid"], a.NeedsOneOf.ToArray());
        Assert.Null(unmet.MetAt);
    }

    [Fact]
    public void Both_unmet_criteria_are_given_together()
    {
        var a = RepairAssessor.Assess(Facts(Arrears), Arrears.Key, T0.AddDays(1));
        Assert.Equal(["minimum-period-not-served", "obligation-not-fulfilled"], a.Unmet.Select(u => u.Code).ToArray());
    }

    [Fact]
    public void A_payment_before_the_arrears_does_not_show_them_paid()
    {
        var early = Rec(Alice, "utility-arrears-paid", T0.AddDays(-5), source: "water-co");
        var a = RepairAssessor.Assess(Facts(Arrears, early), Arrears.Key, T0.AddMonths(4));
        Assert.Equal("obligation-not-fulfilled", Assert.Single(a.Unmet).Code);
    }

    [Fact]
    public void A_type_no_rule_covers_is_not_repairable()
    {
        var loan = Rec(Alice, "loan-contract-default", T0, source: "bank");
        Assert.Equal("not-repairable", Assert.Single(RepairAssessor.Assess(Facts(loan), loan.Key, T0.AddYears(1)).Unmet).Code);
    }

    [Fact]
    public void A_record_that_does_not_lower_a_score_is_not_negative()
    {
        var v = Rec(Alice, "volunteering", T0, legalBasis: null, source: "ngo");
        Assert.Equal("not-negative", Assert.Single(RepairAssessor.Assess(Facts(v), v.Key, T0.AddDays(1)).Unmet).Code);
    }

    [Fact]
    public void A_withdrawn_record_is_not_counting()
    {
        var facts = Facts(Arrears, Paid, Version(Arrears, RecordAction.Withdrawn, T0.AddDays(30), "wrong meter"));
        Assert.Equal("not-counting", Assert.Single(RepairAssessor.Assess(facts, Arrears.Key, T0.AddMonths(4)).Unmet).Code);
    }

    [Fact]
    public void An_expired_record_is_not_counting()
    {
        Assert.Equal("not-counting", Assert.Single(RepairAssessor.Assess(Facts(Arrears, Paid), Arrears.Key, T0.AddYears(1)).Unmet).Code);
    }

    [Fact]
    public void A_repaired_record_cannot_be_repaired_again()
    {
        var facts = Fixture.Facts(Compiled, Alice, [Arrears, Paid], repairs: [new RecordRepair(Arrears.Key, T0.AddMonths(3))]);
        Assert.Equal("not-counting", Assert.Single(RepairAssessor.Assess(facts, Arrears.Key, T0.AddMonths(4)).Unmet).Code);
    }

    [Fact]
    public void An_unknown_record_is_refused()
    {
        Assert.Equal("unknown-record", Assert.Single(RepairAssessor.Assess(Facts(Arrears), new RecordKey("water-co", "nope"), T0.AddMonths(4)).Unmet).Code);
        Assert.Equal("unknown-record", Assert.Single(RepairAssessor.Assess(Facts(Arrears), Arrears.Key, T0.AddTicks(-1)).Unmet).Code);
    }

    [Fact]
    public void A_listed_defaulter_can_be_repaired_a_year_after_the_judgment_once_performed()
    {
        var defaulter = Rec(Alice, "judgment-defaulter", T0);
        var performed = Rec(Alice, "judgment-performed", T0.AddMonths(2));
        var early = RepairAssessor.Assess(Facts(defaulter, performed), defaulter.Key, T0.AddMonths(6));
        Assert.Equal(T0.AddYears(1), Assert.Single(early.Unmet).MetAt);
        Assert.True(RepairAssessor.Assess(Facts(defaulter, performed), defaulter.Key, T0.AddYears(1)).Eligible);
    }

    [Fact]
    public void A_granted_repair_ends_the_effect_at_once()
    {
        var at = T0.AddMonths(3);
        var repair = RepairAssessor.Assess(Facts(Arrears, Paid), Arrears.Key, at).Repair!;
        var facts = Fixture.Facts(Compiled, Alice, [Arrears, Paid], repairs: [repair]);
        Assert.Equal(980, ScoringEngine.Evaluate(facts, at.AddTicks(-1), true).Score);
        Assert.Equal(1000, ScoringEngine.Evaluate(facts, at, true).Score);
    }

    [Fact]
    public void The_assessment_agrees_with_the_explanations_repair_opening()
    {
        var facts = Facts(Arrears, Paid);
        foreach (var at in new[] { T0.AddDays(1), T0.AddDays(21), T0.AddMonths(3), T0.AddMonths(6) })
        {
            var opening = Assess(facts, at).PathForward.Repairs.Single();
            var a = RepairAssessor.Assess(facts, Arrears.Key, at);
            Assert.Equal(opening.AvailableNow, a.Eligible);
            Assert.Equal(opening.OpensAt, a.OpensAt);
            Assert.Equal(opening.FulfilledBy, a.FulfilledBy);
        }
    }
}
