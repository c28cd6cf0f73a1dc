using Credence.Core.DueProcess;
using Credence.Core.Records;
using static Credence.Core.Tests.DueProcess.Fixture;
using static Credence.Core.Tests.Scoring.Sample;

namespace Credence.Core.Tests.DueProcess;

/// <summary>Escalating a verified dispute to a reviewer, the reviewer's decision, and the revocation deadline after a finding.</summary>
public class DisputeReviewTests
{
    // Monday 6 January 2025, 09:00 UTC: opened; verified on Wednesday; escalated on Thursday.
    private static readonly DateTimeOffset Opened = new(2025, 1, 6, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset VerifiedAt = Opened.AddDays(2).AddHours(1);
    private static readonly DateTimeOffset EscalatedAt = Opened.AddDays(3);

    // Friday 10 January 2025, 15:00 UTC: the finding. Three working days later: Wednesday 15 January, 15:00 UTC.
    private static readonly DateTimeOffset FoundAt = new(2025, 1, 10, 15, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset RevokeBy = new(2025, 1, 15, 15, 0, 0, TimeSpan.Zero);

    private static readonly Record Tax = Rec(Alice, "tax-evasion", T0, source: "tax-office");

    private static Dispute Verified() =>
        Dispute.Open("d1", Prc, Alice, Tax, "not my company", null, Opened, []).Accepted()
            .Respond("tax-office", new DisputeAnswer(DisputeAnswerKind.Verify, "checked the ledger"), VerifiedAt).Accepted();

    private static Dispute Escalated() => Verified().Escalate("the ledger shows another company's code", EscalatedAt).Accepted();

    private static Dispute FoundWrong() => Escalated().Decide("reviewer-1", DisputeFinding.FoundWrong, "the code on the decision is not hers", FoundAt).Accepted();

    private static void Refused<T>(Outcome<T> outcome, string code)
        where T : class
    {
        Assert.False(outcome.IsAccepted);
        Assert.Contains(outcome.Refusals, r => r.Code == code);
    }

    [Fact]
    public void A_verified_dispute_is_escalated_with_its_reason_and_the_verification_stands_meanwhile()
    {
        var d = Escalated();
        Assert.Equal(DisputeState.Escalated, d.State);
        Assert.Equal(new DisputeEscalation("the ledger shows another company's code", EscalatedAt), d.Escalation);
        Assert.False(d.IsOpen);
        Assert.Null(d.ClosedAt);
        Assert.Empty(Dispute.Flags([d]));
        Assert.Empty(Dispute.OpenFor("tax-office", [d]));
        Assert.Same(d, Assert.Single(Dispute.Escalated([d, Verified() with { Id = "d2" }])));
    }

    [Fact]
    public void Only_a_verified_dispute_can_be_escalated()
    {
        var open = Dispute.Open("d1", Prc, Alice, Tax, "not mine", null, Opened, []).Accepted();
        Refused(open.Escalate("please look", Opened.AddDays(1)), "not-verified");
        var withdrawal = Version(Tax, RecordAction.Withdrawn, VerifiedAt, "wrong");
        Refused(open.Respond("tax-office", new DisputeAnswer(DisputeAnswerKind.Withdraw, "wrong", withdrawal), VerifiedAt).Accepted().Escalate("x", EscalatedAt), "not-verified");
    }

    [Fact]
    public void A_dispute_is_escalated_once()
    {
        Refused(Escalated().Escalate("again", EscalatedAt.AddDays(1)), "already-escalated");
        var upheld = Escalated().Decide("reviewer-1", DisputeFinding.Upheld, "the code is hers", FoundAt).Accepted();
        Refused(upheld.Escalate("again", FoundAt.AddDays(1)), "already-escalated");
        var withdrawn = FoundWrong().Respond("tax-office", new DisputeAnswer(DisputeAnswerKind.Withdraw, "wrong", Version(Tax, RecordAction.Withdrawn, FoundAt, "wrong")), FoundAt.AddHours(1)).Accepted();
        Refused(withdrawn.Escalate("again", FoundAt.AddDays(1)), "already-escalated");
    }

    [Fact]
    public void The_escalation_window_closes_thirty_days_after_the_verification()
    {
        var closes = VerifiedAt.AddDays(30);
        Assert.Equal(closes, Verified().EscalationDue);
        Assert.True(Verified().Escalate("late but in time", closes.AddTicks(-1)).IsAccepted);
        Refused(Verified().Escalate("too late", closes), "escalation-window-closed");
        Assert.Null(Escalated().EscalationDue);
    }

    [Fact]
    public void An_escalation_needs_a_reason()
    {
        Refused(Verified().Escalate(" ", EscalatedAt), "reason-required");
    }

    [Fact]
    public void A_new_dispute_of_the_record_is_refused_while_one_is_with_a_reviewer()
    {
        Refused(Dispute.Open("d2", Prc, Alice, Tax, "again", null, EscalatedAt.AddDays(1), [Escalated()]), "already-disputed");
        var upheld = Escalated().Decide("reviewer-1", DisputeFinding.Upheld, "stands", FoundAt).Accepted();
        Assert.True(Dispute.Open("d2", Prc, Alice, Tax, "new evidence", null, FoundAt.AddDays(1), [upheld]).IsAccepted);
    }

    [Fact]
    public void Upholding_ends_the_dispute_with_the_verification_standing()
    {
        var d = Escalated().Decide("reviewer-1", DisputeFinding.Upheld, "the code on the decision is hers", FoundAt).Accepted();
        Assert.Equal((DisputeState.Upheld, FoundAt), (d.State, d.ClosedAt));
        Assert.Equal(("reviewer-1", DisputeFinding.Upheld, "the code on the decision is hers", FoundAt), (d.Escalation!.Reviewer, d.Escalation.Finding, d.Escalation.FindingReason, d.Escalation.DecidedAt));
        Assert.False(d.IsOpen);
        Assert.False(d.FoundForSubject);
        Assert.Empty(Dispute.Flags([d]));
        Refused(d.Respond("tax-office", new DisputeAnswer(DisputeAnswerKind.Verify, "still"), FoundAt.AddHours(1)), "not-open");
    }

    [Fact]
    public void Finding_the_record_wrong_reopens_it_for_the_source_with_three_working_days_across_the_weekend()
    {
        var d = FoundWrong();
        Assert.Equal(DisputeState.FoundWrong, d.State);
        Assert.Equal(RevokeBy, d.DueAt);
        Assert.Equal(DayOfWeek.Wednesday, d.DueAt.DayOfWeek);
        Assert.True(d.IsOpen);
        Assert.Null(d.ClosedAt);
        Assert.Equal([new RecordDispute(Tax.Key, FoundAt)], Dispute.Flags([d]).ToArray());
        Assert.Same(d, Assert.Single(Dispute.OpenFor("tax-office", [d])));
    }

    [Fact]
    public void Found_on_a_saturday_the_revocation_is_due_thursday_at_midnight()
    {
        var saturday = new DateTimeOffset(2025, 1, 11, 10, 0, 0, TimeSpan.Zero);
        var d = Escalated().Decide("reviewer-1", DisputeFinding.FoundWrong, "wrong", saturday).Accepted();
        Assert.Equal(new DateTimeOffset(2025, 1, 16, 0, 0, 0, TimeSpan.Zero), d.DueAt);
    }

    [Fact]
    public void After_a_finding_the_source_may_not_verify_but_may_withdraw_or_correct_before_the_deadline()
    {
        var d = FoundWrong();
        Refused(d.Respond("tax-office", new DisputeAnswer(DisputeAnswerKind.Verify, "it is right"), FoundAt.AddHours(1)), "verify-not-allowed-after-finding");
        var withdrawn = d.Respond("tax-office", new DisputeAnswer(DisputeAnswerKind.Withdraw, "revoked", Version(Tax, RecordAction.Withdrawn, RevokeBy.AddTicks(-1), "revoked")), RevokeBy.AddTicks(-1)).Accepted();
        Assert.Equal((DisputeState.Withdrawn, RevokeBy.AddTicks(-1)), (withdrawn.State, withdrawn.ClosedAt));
        Assert.True(withdrawn.FoundForSubject);
        Assert.Equal(DisputeFinding.FoundWrong, withdrawn.Escalation!.Finding);
        var corrected = Version(Tax, RecordAction.Corrected, FoundAt.AddHours(2), "other company") with { Quantity = 1m };
        Assert.Equal(DisputeState.Corrected, d.Respond("tax-office", new DisputeAnswer(DisputeAnswerKind.Correct, "fixed", corrected), FoundAt.AddHours(2)).Accepted().State);
        Refused(d.Respond("tax-office", new DisputeAnswer(DisputeAnswerKind.Withdraw, "late", Version(Tax, RecordAction.Withdrawn, RevokeBy, "late")), RevokeBy), "past-deadline");
    }

    [Fact]
    public void A_silent_source_loses_exactly_at_the_revocation_deadline()
    {
        var d = FoundWrong();
        Refused(d.ResolveOverdue(RevokeBy.AddTicks(-1)), "not-due");
        var resolved = d.ResolveOverdue(RevokeBy.AddDays(3)).Accepted();
        Assert.Equal((DisputeState.ResolvedForSubject, RevokeBy), (resolved.State, resolved.ClosedAt));
        var removal = resolved.RemovalVersion(Tax);
        Assert.Equal((RecordAction.Withdrawn, RevokeBy), (removal.Action, removal.ReportedAt));
        Assert.Contains("found wrong by reviewer reviewer-1", removal.Note, StringComparison.Ordinal);
        Assert.Equal([new RecordDispute(Tax.Key, FoundAt)], Dispute.Flags([resolved]).ToArray());
    }

    [Fact]
    public void The_finding_is_a_transition_due_at_the_revocation_deadline()
    {
        var due = Transitions.Due(Facts(Tax), [FoundWrong()], FoundAt, RevokeBy.AddDays(1), true);
        Assert.Contains(due, t => t.Kind == TransitionKind.DisputeDue && t.At == RevokeBy && t.Dispute == "d1");
        Assert.DoesNotContain(Transitions.Due(Facts(Tax), [Escalated()], EscalatedAt, EscalatedAt.AddYears(1), true), t => t.Kind == TransitionKind.DisputeDue);
    }

    [Fact]
    public void Only_an_escalated_dispute_is_decided_by_a_reviewer()
    {
        Refused(Verified().Decide("reviewer-1", DisputeFinding.FoundWrong, "wrong", FoundAt), "not-escalated");
        Refused(Dispute.Open("d1", Prc, Alice, Tax, "x", null, Opened, []).Accepted().Decide("reviewer-1", DisputeFinding.Upheld, "stands", FoundAt), "not-escalated");
    }

    [Fact]
    public void A_decision_is_taken_once()
    {
        Refused(FoundWrong().Decide("reviewer-2", DisputeFinding.Upheld, "on second thought", FoundAt.AddHours(1)), "decided-already");
        var upheld = Escalated().Decide("reviewer-1", DisputeFinding.Upheld, "stands", FoundAt).Accepted();
        Refused(upheld.Decide("reviewer-1", DisputeFinding.FoundWrong, "no", FoundAt.AddHours(1)), "decided-already");
    }

    [Fact]
    public void A_decision_needs_a_written_reason_and_a_named_reviewer_and_comes_after_the_escalation()
    {
        Refused(Escalated().Decide("reviewer-1", DisputeFinding.Upheld, "  ", FoundAt), "reason-required");
        Refused(Escalated().Decide(" ", DisputeFinding.Upheld, "stands", FoundAt), "reviewer-required");
        Refused(Escalated().Decide("reviewer-1", DisputeFinding.Upheld, "stands", EscalatedAt.AddTicks(-1)), "before-escalated");
        Refused(Escalated().Decide("reviewer-1", (DisputeFinding)9, "stands", FoundAt), "finding-unknown");
    }

    [Fact]
    public void Notices_tell_the_subject_each_step_with_the_reviewers_reason_and_the_dates()
    {
        var verified = NoticeComposer.DisputeAnswered(Verified(), Prc.VersionTag);
        Assert.Equal(("escalate", VerifiedAt.AddDays(30)), (verified.NextSteps[0].Action, verified.NextSteps[0].Until));
        Assert.Equal("dispute", verified.NextSteps[1].Action);
        var late = NoticeComposer.DisputeAnswered(Escalated() with { State = DisputeState.Verified, ClosedAt = VerifiedAt }, Prc.VersionTag);
        Assert.Equal("dispute", Assert.Single(late.NextSteps).Action);

        var escalated = NoticeComposer.DisputeEscalated(Escalated(), Prc.VersionTag);
        Assert.Equal((NoticeKind.DisputeEscalated, EscalatedAt, "DISPUTE.ESCALATED"), (escalated.Kind, escalated.At, escalated.Reasons[0].Code));
        Assert.Contains("another company's code", escalated.Reasons[0].Text, StringComparison.Ordinal);

        var upheld = NoticeComposer.DisputeUpheld(Escalated().Decide("reviewer-1", DisputeFinding.Upheld, "the code is hers", FoundAt).Accepted(), Prc.VersionTag);
        Assert.Equal((NoticeKind.DisputeUpheld, FoundAt, "reviewer-1: the code is hers"), (upheld.Kind, upheld.At, upheld.Reasons[0].Text));

        var found = NoticeComposer.DisputeFoundWrong(FoundWrong(), Prc.VersionTag);
        Assert.Equal((NoticeKind.DisputeFoundWrong, "reviewer-1: the code on the decision is not hers", RevokeBy), (found.Kind, found.Reasons[0].Text, found.NextSteps[0].Until));
        Assert.Throws<ArgumentException>(() => NoticeComposer.DisputeUpheld(FoundWrong(), Prc.VersionTag));
        Assert.Throws<ArgumentException>(() => NoticeComposer.DisputeEscalated(Verified(), Prc.VersionTag));
    }
}
