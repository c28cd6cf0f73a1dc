using Credence.Core.DueProcess;
using static Credence.Core.Tests.DueProcess.Fixture;
using static Credence.Core.Tests.Scoring.Sample;

namespace Credence.Core.Tests.DueProcess;

public class TransitionTests
{
    [Fact]
    public void Listing_end_and_its_advance_notice_come_at_exact_instants()
    {
        var defaulter = Rec(Alice, "judgment-defaulter", T0);
        var due = Transitions.Due(Facts(defaulter), [], T0.AddDays(1), T0.AddYears(3), true);
        var end = Assert.Single(due, t => t.Kind == TransitionKind.ListingEnds);
        Assert.Equal(T0.AddYears(2), end.At);
        Assert.Equal("court-defaulters", end.List);
        Assert.Equal(defaulter.Key, end.Record);
        var notice = Assert.Single(due, t => t.Kind == TransitionKind.ExpiryApproaching && t.List is not null);
        Assert.Equal(T0.AddYears(2).AddDays(-Transitions.NoticeDays), notice.At);
        Assert.Equal(T0.AddYears(2), notice.EndsAt);
    }

    [Fact]
    public void Effects_end_at_their_expiry_with_an_advance_notice()
    {
        var arrears = Rec(Alice, "late-utility-fees", T0, source: "water-co");
        var due = Transitions.Due(Facts(arrears), [], T0, T0.AddYears(2), true);
        Assert.Equal(T0.AddYears(1), Assert.Single(due, t => t.Kind == TransitionKind.EffectEnds).At);
        Assert.Equal(T0.AddYears(1).AddDays(-7), Assert.Single(due, t => t.Kind == TransitionKind.ExpiryApproaching).At);
    }

    [Fact]
    public void Repairs_open_when_the_minimum_period_is_served()
    {
        var arrears = Rec(Alice, "late-utility-fees", T0, source: "water-co");
        var due = Transitions.Due(Facts(arrears), [], T0, T0.AddYears(2), true);
        Assert.Equal(T0.AddMonths(3), Assert.Single(due, t => t.Kind == TransitionKind.RepairOpens).At);
    }

    [Fact]
    public void Open_disputes_fall_due_at_their_deadline_and_closed_ones_do_not()
    {
        var tax = Rec(Alice, "tax-evasion", T0, source: "tax-office");
        var open = Dispute.Open("d1", Prc, Alice, tax, "not me", null, T0.AddDays(1), []).Accepted();
        var closed = open.Respond("tax-office", new DisputeAnswer(DisputeAnswerKind.Verify, "checked"), T0.AddDays(2)).Accepted() with { Id = "d0" };
        var due = Transitions.Due(Facts(tax), [open, closed], T0.AddDays(1), T0.AddDays(60), true);
        var d = Assert.Single(due, t => t.Kind == TransitionKind.DisputeDue);
        Assert.Equal(open.DueAt, d.At);
        Assert.Equal("d1", d.Dispute);
    }

    [Fact]
    public void The_window_excludes_its_start_and_includes_its_end()
    {
        var arrears = Rec(Alice, "late-utility-fees", T0, source: "water-co");
        var facts = Facts(arrears);
        Assert.DoesNotContain(Transitions.Due(facts, [], T0.AddMonths(3), T0.AddMonths(4), true), t => t.Kind == TransitionKind.RepairOpens);
        Assert.Contains(Transitions.Due(facts, [], T0.AddMonths(3).AddTicks(-1), T0.AddMonths(3), true), t => t.Kind == TransitionKind.RepairOpens);
        Assert.DoesNotContain(Transitions.Due(facts, [], T0, T0.AddMonths(3).AddTicks(-1), true), t => t.Kind == TransitionKind.RepairOpens);
    }

    [Fact]
    public void Transitions_are_in_order_and_next_at_is_the_earliest()
    {
        var arrears = Rec(Alice, "late-utility-fees", T0, source: "water-co");
        var defaulter = Rec(Alice, "judgment-defaulter", T0.AddDays(5));
        var facts = Facts(arrears, defaulter);
        var due = Transitions.Due(facts, [], T0.AddDays(6), DateTimeOffset.MaxValue, true);
        Assert.Equal(due.OrderBy(t => t.At).Select(t => t.At), due.Select(t => t.At));
        Assert.Equal(T0.AddMonths(3), Transitions.NextAt(facts, [], T0.AddDays(6), true));
        Assert.Equal(T0.AddYears(1).AddDays(-7), Transitions.NextAt(facts, [], T0.AddYears(1).AddDays(-8), true));
    }

    [Fact]
    public void Nothing_pending_means_no_next_instant()
    {
        Assert.Null(Transitions.NextAt(Facts(), [], T0, true));
        var arrears = Rec(Alice, "late-utility-fees", T0, source: "water-co");
        Assert.Null(Transitions.NextAt(Facts(arrears), [], T0.AddYears(1), true));
    }

    [Fact]
    public void A_restart_recomputes_the_same_transitions_from_stored_state()
    {
        var records = new[] { Rec(Alice, "judgment-defaulter", T0), Rec(Alice, "late-utility-fees", T0.AddDays(3), source: "water-co") };
        var first = Transitions.Due(Facts(records), [], T0.AddDays(4), T0.AddYears(5), true);
        var afterRestart = Transitions.Due(Facts(records), [], T0.AddDays(4), T0.AddYears(5), true);
        Assert.Equal(first.ToArray(), afterRestart.ToArray());
        Assert.NotEmpty(first);
    }
}
