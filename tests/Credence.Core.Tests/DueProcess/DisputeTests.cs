using Credence.Core.DueProcess;
using Credence.Core.Records;
using Credence.Core.Scoring;
using static Credence.Core.Tests.DueProcess.Fixture;
using static Credence.Core.Tests.Scoring.Sample;

namespace Credence.Core.Tests.DueProcess;

public class DisputeTests
{
    private static readonly DateTimeOffset At = T0.AddDays(10);

    private static readonly Record Tax = Rec(Alice, "tax-evasion", T0, source: "tax-office");

    private static Dispute OpenOn(Record record, DateTimeOffset? at = null) =>
        Dispute.Open("d1", Prc, Alice, record, "not my company", "registry extract", at ?? At, []).Accepted();

    private static void Refused<T>(Outcome<T> outcome, string code)
        where T : class
    {
        Assert.False(outcome.IsAccepted);
        Assert.Null(outcome.Value);
        Assert.Contains(outcome.Refusals, r => r.Code == code);
    }

    [Fact]
    public void Opening_flags_the_record_with_its_deadline()
    {
        var d = OpenOn(Tax);
        Assert.Equal(DisputeState.Open, d.State);
        Assert.Equal(At.AddDays(30), d.DueAt);
        Assert.Equal("tax-office", d.Source);
        Assert.Equal([new RecordDispute(Tax.Key, At)], Dispute.Flags([d]).ToArray());
    }

    [Fact]
    public void A_flagged_record_stops_counting_at_once_only_when_its_type_says_so()
    {
        var arrears = Rec(Alice, "late-utility-fees", T0, source: "water-co");
        var defaulter = Rec(Alice, "judgment-defaulter", T0);
        var flags = Dispute.Flags([OpenOn(arrears), OpenOn(defaulter) with { Id = "d2" }]);
        var facts = Fixture.Facts(Compiled, Alice, [arrears, defaulter], flags);
        Assert.Equal(880, ScoringEngine.Evaluate(facts, At.AddTicks(-1), true).Score);
        Assert.Equal(900, ScoringEngine.Evaluate(facts, At, true).Score);
        Assert.NotEmpty(Assess(facts, At).Listings);
    }

    [Fact]
    public void A_dispute_needs_a_reason()
    {
        Refused(Dispute.Open("d1", Prc, Alice, Tax, "  ", null, At, []), "reason-required");
        foreach (var blank in new[] { "\u200B\u200B\u200B", "\uFEFF", "\u00A0\u3000", "\u200D\u2060\u00AD", "\u3164", "\u2800\n\u200B" })
        {
            Refused(Dispute.Open("d1", Prc, Alice, Tax, blank, "receipt", At, []), "reason-required");
            Refused(OpenOn(Tax).Respond("tax-office", new DisputeAnswer(DisputeAnswerKind.Verify, blank), At.AddDays(1)), "reason-required");
        }

        Assert.Equal("\u200B不是我\u200B", Dispute.Open("d1", Prc, Alice, Tax, "\u200B不是我\u200B", null, At, []).Accepted().Reason);
    }

    [Fact]
    public void A_record_of_another_subject_cannot_be_disputed()
    {
        Refused(Dispute.Open("d1", Prc, Bob, Tax, "not mine", null, At, []), "not-own-record");
    }

    [Fact]
    public void A_withdrawn_record_cannot_be_disputed()
    {
        Refused(Dispute.Open("d1", Prc, Alice, Version(Tax, RecordAction.Withdrawn, At, "wrong"), "x", null, At, []), "record-withdrawn");
    }

    [Fact]
    public void A_second_open_dispute_on_the_same_record_is_refused_until_the_first_closes()
    {
        var first = OpenOn(Tax);
        var second = Dispute.Open("d2", Prc, Alice, Tax, "again", null, At.AddDays(1), [first]);
        Refused(second, "already-disputed");
        Assert.Equal(first.DueAt, second.Refusals.Single().MetAt);
        var verified = first.Respond("tax-office", new DisputeAnswer(DisputeAnswerKind.Verify, "checked the ledger"), At.AddDays(2)).Accepted();
        Assert.True(Dispute.Open("d2", Prc, Alice, Tax, "new evidence", null, At.AddDays(3), [verified]).IsAccepted);
    }

    [Fact]
    public void The_source_verifies()
    {
        var d = OpenOn(Tax).Respond("tax-office", new DisputeAnswer(DisputeAnswerKind.Verify, "checked"), At.AddDays(1)).Accepted();
        Assert.Equal(DisputeState.Verified, d.State);
        Assert.Equal(At.AddDays(1), d.ClosedAt);
        Assert.False(d.FoundForSubject);
        Assert.Empty(Dispute.Flags([d]));
    }

    [Fact]
    public void The_source_corrects_with_a_corrected_version()
    {
        var corrected = Version(Tax, RecordAction.Corrected, At.AddDays(1), "amount was wrong") with { Quantity = 10000m };
        var d = OpenOn(Tax).Respond("tax-office", new DisputeAnswer(DisputeAnswerKind.Correct, "amount was wrong", corrected), At.AddDays(1)).Accepted();
        Assert.Equal(DisputeState.Corrected, d.State);
        Assert.True(d.FoundForSubject);
    }

    [Fact]
    public void The_source_withdraws_with_a_withdrawal_version()
    {
        var withdrawal = Version(Tax, RecordAction.Withdrawn, At.AddDays(1), "wrong person");
        var d = OpenOn(Tax).Respond("tax-office", new DisputeAnswer(DisputeAnswerKind.Withdraw, "wrong person", withdrawal), At.AddDays(1)).Accepted();
        Assert.Equal(DisputeState.Withdrawn, d.State);
    }

    [Fact]
    public void A_correction_or_withdrawal_without_its_version_is_refused()
    {
        var d = OpenOn(Tax);
        Refused(d.Respond("tax-office", new DisputeAnswer(DisputeAnswerKind.Withdraw, "wrong"), At.AddDays(1)), "version-required");
        var wrongAction = Version(Tax, RecordAction.Corrected, At.AddDays(1), "x");
        Refused(d.Respond("tax-office", new DisputeAnswer(DisputeAnswerKind.Withdraw, "wrong", wrongAction), At.AddDays(1)), "version-required");
        var otherRecord = Version(Rec(Alice, "tax-evasion", T0, source: "tax-office"), RecordAction.Corrected, At.AddDays(1), "x");
        Refused(d.Respond("tax-office", new DisputeAnswer(DisputeAnswerKind.Correct, "fixed", otherRecord), At.AddDays(1)), "version-required");
    }

    [Fact]
    public void A_verification_with_a_version_is_refused()
    {
        var v = Version(Tax, RecordAction.Corrected, At.AddDays(1), "x");
        Refused(OpenOn(Tax).Respond("tax-office", new DisputeAnswer(DisputeAnswerKind.Verify, "fine", v), At.AddDays(1)), "version-not-expected");
    }

    [Fact]
    public void Only_the_records_source_may_answer()
    {
        Refused(OpenOn(Tax).Respond("court", new DisputeAnswer(DisputeAnswerKind.Verify, "fine"), At.AddDays(1)), "not-record-source");
    }

    [Fact]
    public void An_answer_needs_a_reason()
    {
        Refused(OpenOn(Tax).Respond("tax-office", new DisputeAnswer(DisputeAnswerKind.Verify, ""), At.AddDays(1)), "reason-required");
    }

    [Fact]
    public void An_answer_before_the_opening_is_refused()
    {
        Refused(OpenOn(Tax).Respond("tax-office", new DisputeAnswer(DisputeAnswerKind.Verify, "ok"), At.AddTicks(-1)), "before-opened");
    }

    [Fact]
    public void An_answer_at_the_deadline_is_too_late_but_a_tick_before_is_in_time()
    {
        var d = OpenOn(Tax);
        Refused(d.Respond("tax-office", new DisputeAnswer(DisputeAnswerKind.Verify, "ok"), d.DueAt), "past-deadline");
        Assert.True(d.Respond("tax-office", new DisputeAnswer(DisputeAnswerKind.Verify, "ok"), d.DueAt.AddTicks(-1)).IsAccepted);
    }

    [Fact]
    public void An_answer_after_resolution_is_refused()
    {
        var d = OpenOn(Tax).Respond("tax-office", new DisputeAnswer(DisputeAnswerKind.Verify, "ok"), At.AddDays(1)).Accepted();
        Refused(d.Respond("tax-office", new DisputeAnswer(DisputeAnswerKind.Verify, "again"), At.AddDays(2)), "not-open");
        var resolved = OpenOn(Tax).ResolveOverdue(At.AddDays(40)).Accepted();
        Refused(resolved.Respond("tax-office", new DisputeAnswer(DisputeAnswerKind.Verify, "late"), At.AddDays(41)), "not-open");
    }

    [Fact]
    public void Resolution_for_the_subject_is_refused_before_the_deadline_with_the_deadline()
    {
        var d = OpenOn(Tax);
        var early = d.ResolveOverdue(d.DueAt.AddTicks(-1));
        Refused(early, "not-due");
        Assert.Equal(d.DueAt, early.Refusals[0].MetAt);
    }

    [Fact]
    public void Resolution_takes_effect_at_the_deadline_however_late_the_scheduler_runs()
    {
        var d = OpenOn(Tax);
        var resolved = d.ResolveOverdue(d.DueAt.AddHours(5)).Accepted();
        Assert.Equal(DisputeState.ResolvedForSubject, resolved.State);
        Assert.Equal(d.DueAt, resolved.ClosedAt);
        Assert.True(resolved.FoundForSubject);
    }

    [Fact]
    public void A_closed_dispute_cannot_be_resolved_again()
    {
        var resolved = OpenOn(Tax).ResolveOverdue(At.AddDays(30)).Accepted();
        Refused(resolved.ResolveOverdue(At.AddDays(31)), "not-open");
    }

    [Fact]
    public void A_resolved_dispute_removes_the_record_at_its_deadline_and_keeps_its_flag()
    {
        var resolved = OpenOn(Tax).ResolveOverdue(At.AddDays(30)).Accepted();
        var removal = resolved.RemovalVersion(Tax);
        Assert.Equal(RecordAction.Withdrawn, removal.Action);
        Assert.Equal(2, removal.Version);
        Assert.Equal(resolved.DueAt, removal.ReportedAt);
        Assert.Contains("resolved for the subject", removal.Note, StringComparison.Ordinal);
        Assert.Equal([new RecordDispute(Tax.Key, At)], Dispute.Flags([resolved]).ToArray());
    }

    [Fact]
    public void Only_a_dispute_resolved_for_the_subject_removes_a_record()
    {
        Assert.Throws<InvalidOperationException>(() => OpenOn(Tax).RemovalVersion(Tax));
        var resolved = OpenOn(Tax).ResolveOverdue(At.AddDays(30)).Accepted();
        Assert.Throws<InvalidOperationException>(() => resolved.RemovalVersion(Rec(Alice, "tax-evasion", T0)));
    }

    [Fact]
    public void A_refusal_lists_every_reason_at_once()
    {
        var outcome = OpenOn(Tax).Respond("court", new DisputeAnswer(DisputeAnswerKind.Withdraw, " "), At.AddDays(1));
        Assert.Equal(["not-record-source", "reason-required", "version-required"], outcome.Refusals.Select(r => r.Code).ToArray());
        Assert.Throws<InvalidOperationException>(() => outcome.Accepted());
    }
}
