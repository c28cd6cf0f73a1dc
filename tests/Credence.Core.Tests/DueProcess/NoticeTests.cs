using Credence.Core.DueProcess;
using Credence.Core.Explanations;
using Credence.Core.Records;
using static Credence.Core.Tests.DueProcess.Fixture;
using static Credence.Core.Tests.Scoring.Sample;

namespace Credence.Core.Tests.DueProcess;

public class NoticeTests
{
    private const string Version = "test-persons@1";

    private static readonly Record Arrears = Rec(Alice, "late-utility-fees", T0, source: "water-co");

    private static readonly Record Defaulter = Rec(Alice, "judgment-defaulter", T0);

    private static Dispute OpenDispute() => Dispute.Open("d1", Prc, Alice, Arrears, "meter misread", null, T0.AddDays(2), []).Accepted();

    [Fact]
    public void An_adverse_decision_gives_its_reasons_and_the_ways_back_with_dates()
    {
        var a = Assess(Facts(Defaulter, Arrears), T0.AddDays(1));
        var n = NoticeComposer.AdverseDecision(a, Decider.Decide(a, Prc, "rail.g-train.ticket")!, "rail-12306", "dec-1");
        Assert.Equal(NoticeKind.AdverseDecision, n.Kind);
        Assert.Equal(Version, n.PolicyVersion);
        Assert.Equal(Alice, n.Subject);
        Assert.Equal(T0.AddDays(1), n.At);
        Assert.Contains("rail-12306", n.Title, StringComparison.Ordinal);
        Assert.Equal("LISTED.court-defaulters", n.Reasons[0].Code);
        Assert.Contains(n.NextSteps, s => s.Action == "dispute" && s.Text.Contains(Defaulter.Key.ToString(), StringComparison.Ordinal));
        Assert.Contains(n.NextSteps, s => s.Action == "apply-for-repair" && s.From == T0.AddYears(1));
        Assert.Contains(n.NextSteps, s => s.Action == "wait" && s.From == T0.AddYears(2));
    }

    [Fact]
    public void A_listing_notice_names_the_list_its_basis_and_its_end()
    {
        var a = Assess(Facts(Defaulter), T0.AddDays(1));
        var n = NoticeComposer.Listed(a, a.Listings.Single());
        Assert.Equal(NoticeKind.Listed, n.Kind);
        Assert.Equal(T0, n.At);
        Assert.Equal("LISTED.court-defaulters", Assert.Single(n.Reasons).Code);
        Assert.Contains(T0.AddYears(2).ToString("u", System.Globalization.CultureInfo.InvariantCulture), n.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void A_delisting_notice_says_why()
    {
        var n = NoticeComposer.Delisted(Alice, Version, "court-defaulters", "court defaulter list", T0.AddYears(2), "its term ended");
        Assert.Equal(NoticeKind.Delisted, n.Kind);
        Assert.Equal(new NoticeReason("DELISTED.court-defaulters", "its term ended"), Assert.Single(n.Reasons));
    }

    [Fact]
    public void A_dispute_notice_says_whether_the_record_counts_and_gives_the_deadline()
    {
        var d = OpenDispute();
        var n = NoticeComposer.DisputeOpened(d, Version, countsWhileDisputed: false);
        Assert.Equal(NoticeKind.DisputeOpened, n.Kind);
        Assert.Contains("does not count", n.Reasons[0].Text, StringComparison.Ordinal);
        Assert.Equal(d.DueAt, Assert.Single(n.NextSteps).Until);
        Assert.Contains("keeps counting", NoticeComposer.DisputeOpened(d, Version, countsWhileDisputed: true).Reasons[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_answer_notice_carries_the_sources_reason()
    {
        var verified = OpenDispute().Respond("water-co", new DisputeAnswer(DisputeAnswerKind.Verify, "meter photo attached"), T0.AddDays(3)).Accepted();
        var n = NoticeComposer.DisputeAnswered(verified, Version);
        Assert.Equal(new NoticeReason("DISPUTE.VERIFIED", "meter photo attached"), Assert.Single(n.Reasons));
        Assert.Equal(T0.AddDays(3), n.At);
        Assert.Equal(["escalate", "dispute"], n.NextSteps.Select(s => s.Action));
        Assert.Equal(T0.AddDays(33), n.NextSteps[0].Until);
        Assert.Throws<ArgumentException>(() => NoticeComposer.DisputeAnswered(OpenDispute(), Version));
    }

    [Fact]
    public void A_resolution_notice_comes_at_the_deadline()
    {
        var resolved = OpenDispute().ResolveOverdue(T0.AddDays(40)).Accepted();
        var n = NoticeComposer.DisputeResolvedForSubject(resolved, Version);
        Assert.Equal(resolved.DueAt, n.At);
        Assert.Equal("DISPUTE.UNANSWERED", Assert.Single(n.Reasons).Code);
    }

    [Fact]
    public void A_refused_repair_notice_lists_each_unmet_criterion_and_the_appeal()
    {
        var refused = RepairAssessor.Assess(Facts(Arrears), Arrears.Key, T0.AddDays(1));
        var n = NoticeComposer.RepairDecided(Alice, refused, "rep-1");
        Assert.Equal(NoticeKind.RepairRefused, n.Kind);
        Assert.Equal(["minimum-period-not-served", "obligation-not-fulfilled"], n.Reasons.Select(r => r.Code).ToArray());
        Assert.Equal(["fulfil-obligation", "apply-for-repair", "appeal"], n.NextSteps.Select(s => s.Action).ToArray());
        Assert.Equal(T0.AddMonths(3), n.NextSteps[1].From);
    }

    [Fact]
    public void A_not_repairable_refusal_offers_only_the_appeal()
    {
        var loan = Rec(Alice, "loan-contract-default", T0, source: "bank");
        var n = NoticeComposer.RepairDecided(Alice, RepairAssessor.Assess(Facts(loan), loan.Key, T0.AddDays(1)), "rep-2");
        Assert.Equal("not-repairable", Assert.Single(n.Reasons).Code);
        Assert.Equal("appeal", Assert.Single(n.NextSteps).Action);
    }

    [Fact]
    public void Appeal_notices_name_the_reviewer_and_the_reason()
    {
        var refused = RepairAssessor.Assess(Facts(Arrears), Arrears.Key, T0.AddDays(1));
        var appeal = Appeal.File("a1", refused, "paid in cash", T0.AddDays(2), []).Accepted();
        Assert.Equal(NoticeKind.RepairAppealed, NoticeComposer.Appealed(Alice, appeal).Kind);
        var upheld = appeal.Decide("reviewer-3", false, "no payment record yet", T0.AddDays(4)).Accepted();
        var n = NoticeComposer.AppealDecided(Alice, upheld);
        Assert.Equal(NoticeKind.AppealDecided, n.Kind);
        Assert.Equal(new NoticeReason("APPEAL.UPHELD", "reviewer-3: no payment record yet"), Assert.Single(n.Reasons));
        Assert.Equal(["fulfil-obligation", "apply-for-repair"], n.NextSteps.Select(s => s.Action));
        Assert.Equal(T0.AddMonths(3), n.NextSteps[1].From);
        Assert.Equal(NoticeAbout.Appeal("a1"), n.About);
        var granted = appeal.Decide("reviewer-3", true, "the utility confirmed payment", T0.AddDays(4)).Accepted();
        Assert.Equal("APPEAL.GRANTED", Assert.Single(NoticeComposer.AppealDecided(Alice, granted).Reasons).Code);
    }

    [Fact]
    public void An_expiry_notice_gives_the_end_date()
    {
        var t = new Transition(TransitionKind.ExpiryApproaching, T0.AddDays(358), Arrears.Key, EndsAt: T0.AddYears(1));
        var n = NoticeComposer.ExpiryApproaching(Alice, Version, t);
        Assert.Equal(T0.AddDays(358), n.At);
        Assert.Equal("EXPIRY.EFFECT", Assert.Single(n.Reasons).Code);
        Assert.Equal(T0.AddYears(1), Assert.Single(n.NextSteps).From);
    }
}
