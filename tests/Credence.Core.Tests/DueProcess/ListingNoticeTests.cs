using Credence.Core.DueProcess;
using Credence.Core.Records;
using static Credence.Core.Tests.DueProcess.Fixture;
using static Credence.Core.Tests.Scoring.Sample;

namespace Credence.Core.Tests.DueProcess;

public class ListingNoticeTests
{
    private static readonly Record Defaulter = Rec(Alice, "judgment-defaulter", T0);

    [Fact]
    public void Entering_a_list_gives_a_listing_notice()
    {
        var n = Assert.Single(ListingNotices.Changes(Assess(Facts(), T0), Assess(Facts(Defaulter), T0), "n/a"));
        Assert.Equal(NoticeKind.Listed, n.Kind);
        Assert.Equal(T0, n.At);
    }

    [Fact]
    public void A_withdrawal_gives_a_delisting_notice_with_the_reason()
    {
        var withdrawn = Facts(Defaulter, Version(Defaulter, RecordAction.Withdrawn, T0.AddDays(5), "wrong person"));
        var n = Assert.Single(ListingNotices.Changes(Assess(withdrawn, T0.AddDays(5).AddTicks(-1)), Assess(withdrawn, T0.AddDays(5)), "the court withdrew the record"));
        Assert.Equal(NoticeKind.Delisted, n.Kind);
        Assert.Equal(T0.AddDays(5), n.At);
        Assert.Equal("the court withdrew the record", n.Reasons[0].Text);
    }

    [Fact]
    public void No_change_gives_no_notice()
    {
        Assert.Empty(ListingNotices.Changes(Assess(Facts(Defaulter), T0), Assess(Facts(Defaulter), T0.AddDays(1)), "n/a"));
    }

    [Fact]
    public void Assessments_of_two_subjects_are_refused()
    {
        var bob = Assess(Fixture.Facts(Compiled, Bob, []), T0);
        Assert.Throws<ArgumentException>(() => ListingNotices.Changes(Assess(Facts(), T0), bob, "n/a"));
    }

    [Fact]
    public void A_source_sees_its_open_disputes_most_urgent_first()
    {
        var a = Rec(Alice, "tax-evasion", T0, source: "tax-office");
        var b = Rec(Alice, "tax-evasion", T0, source: "tax-office");
        var c = Rec(Alice, "late-utility-fees", T0, source: "water-co");
        var late = Dispute.Open("d1", Prc, Alice, a, "x", null, T0.AddDays(5), []).Accepted();
        var soon = Dispute.Open("d2", Prc, Alice, b, "x", null, T0.AddDays(1), []).Accepted();
        var other = Dispute.Open("d3", Prc, Alice, c, "x", null, T0, []).Accepted();
        var closed = soon.Respond("tax-office", new DisputeAnswer(DisputeAnswerKind.Verify, "ok"), T0.AddDays(2)).Accepted() with { Id = "d4" };
        Assert.Equal(["d2", "d1"], Dispute.OpenFor("tax-office", [late, other, soon, closed]).Select(d => d.Id).ToArray());
    }
}
