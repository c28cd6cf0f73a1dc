using Credence.Core.DueProcess;
using static Credence.Core.Tests.DueProcess.Fixture;
using static Credence.Core.Tests.Scoring.Sample;

namespace Credence.Core.Tests.DueProcess;

public class AppealTests
{
    private static readonly Record Arrears = Rec(Alice, "late-utility-fees", T0, source: "water-co");

    private static readonly RepairAssessment Refusal = RepairAssessor.Assess(Facts(Arrears), Arrears.Key, T0.AddDays(10));

    private static Appeal Filed() => Appeal.File("a1", Refusal, "I paid in cash at the counter", T0.AddDays(11), []).Accepted();

    [Fact]
    public void A_refusal_can_be_appealed()
    {
        var a = Filed();
        Assert.Equal(AppealState.Pending, a.State);
        Assert.Equal(Arrears.Key, a.Record);
        Assert.Equal(Refusal.Unmet, a.Unmet);
        Assert.Null(a.Repair);
    }

    [Fact]
    public void Only_once_per_refusal()
    {
        var again = Appeal.File("a2", Refusal, "again", T0.AddDays(12), [Filed()]);
        Assert.Equal("already-appealed", Assert.Single(again.Refusals).Code);
        var copy = Refusal with { };
        Assert.Equal("already-appealed", Assert.Single(Appeal.File("a2", copy, "again", T0.AddDays(12), [Filed()]).Refusals).Code);
    }

    [Fact]
    public void A_later_refusal_can_be_appealed_separately()
    {
        var later = RepairAssessor.Assess(Facts(Arrears), Arrears.Key, T0.AddDays(20));
        Assert.True(Appeal.File("a2", later, "still paid", T0.AddDays(21), [Filed()]).IsAccepted);
    }

    [Fact]
    public void A_granted_repair_cannot_be_appealed()
    {
        var paid = Rec(Alice, "utility-arrears-paid", T0.AddDays(1), source: "water-co");
        var granted = RepairAssessor.Assess(Facts(Arrears, paid), Arrears.Key, T0.AddMonths(3));
        Assert.Equal("not-refused", Assert.Single(Appeal.File("a1", granted, "x", T0.AddMonths(3), []).Refusals).Code);
    }

    [Fact]
    public void An_appeal_needs_grounds_and_comes_after_the_refusal()
    {
        var outcome = Appeal.File("a1", Refusal, "", T0.AddDays(9), []);
        Assert.Equal(["before-refusal", "grounds-required"], outcome.Refusals.Select(r => r.Code).ToArray());
    }

    [Fact]
    public void The_reviewer_grants_with_a_reason_and_the_repair_takes_effect_then()
    {
        var decided = Filed().Decide("reviewer-7", grant: true, "the utility confirmed the cash payment on the phone; source record follows", T0.AddDays(15)).Accepted();
        Assert.Equal(AppealState.Granted, decided.State);
        Assert.Equal("reviewer-7", decided.Reviewer);
        Assert.Equal(new Credence.Core.Records.RecordRepair(Arrears.Key, T0.AddDays(15)), decided.Repair);
    }

    [Fact]
    public void The_reviewer_upholds_with_a_reason()
    {
        var decided = Filed().Decide("reviewer-7", grant: false, "the minimum period is not served", T0.AddDays(15)).Accepted();
        Assert.Equal(AppealState.Upheld, decided.State);
        Assert.Null(decided.Repair);
    }

    [Fact]
    public void A_decision_without_a_written_reason_or_a_reviewer_is_refused()
    {
        var outcome = Filed().Decide(" ", grant: true, " ", T0.AddDays(15));
        Assert.Equal(["reviewer-required", "reason-required"], outcome.Refusals.Select(r => r.Code).ToArray());
    }

    [Fact]
    public void A_decision_before_the_appeal_or_a_second_decision_is_refused()
    {
        Assert.Equal("before-filed", Assert.Single(Filed().Decide("r", true, "ok", T0.AddDays(10)).Refusals).Code);
        var decided = Filed().Decide("r", false, "no", T0.AddDays(15)).Accepted();
        Assert.Equal("already-decided", Assert.Single(decided.Decide("r", true, "changed my mind", T0.AddDays(16)).Refusals).Code);
    }
}
