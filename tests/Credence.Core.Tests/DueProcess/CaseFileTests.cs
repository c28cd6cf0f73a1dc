using Credence.Core.DueProcess;
using Credence.Core.Records;
using Credence.Core.Scoring;
using static Credence.Core.Tests.DueProcess.Fixture;
using static Credence.Core.Tests.Scoring.Sample;

namespace Credence.Core.Tests.DueProcess;

/// <summary>A file as it stood at an instant, from its versions, disputes and repairs (<see cref="CaseFile"/>, <see cref="Dispute.AsOf"/>).</summary>
public class CaseFileTests
{
    private static readonly DateTimeOffset Opened = T0.AddDays(10);

    private static readonly Record Arrears = Rec(Alice, "late-utility-fees", T0, source: "water-co", id: "w-1");

    private static Dispute Open() => Dispute.Open("d1", Prc, Alice, Arrears, "paid on time", null, Opened, []).Accepted();

    private static int? Score(SubjectHistory history, DateTimeOffset at) => ScoringEngine.Evaluate(SubjectFacts.Compile(Compiled, history.FileAt(at)), at, true).Score;

    [Fact]
    public void A_verified_escalated_dispute_found_wrong_is_open_verified_escalated_then_open_again_at_each_instant_and_the_record_counts_accordingly()
    {
        var verifiedAt = Opened.AddDays(2);
        var escalatedAt = Opened.AddDays(5);
        var foundAt = Opened.AddDays(8);
        var withdrawnAt = Opened.AddDays(9);
        var d = Open();
        d = d.Respond("water-co", new DisputeAnswer(DisputeAnswerKind.Verify, "meter readings"), verifiedAt).Accepted();
        d = d.Escalate("receipt ignored", escalatedAt).Accepted();
        d = d.Decide("rev", DisputeFinding.FoundWrong, "receipt shows payment", foundAt).Accepted();
        var withdrawal = Withdraw(Arrears, withdrawnAt);
        var final = d.Respond("water-co", new DisputeAnswer(DisputeAnswerKind.Withdraw, "revoked", withdrawal), withdrawnAt).Accepted();

        Assert.Null(final.AsOf(Opened.AddTicks(-1)));
        Assert.Equal(DisputeState.Open, final.AsOf(Opened)!.State);
        // The verification's own instant is not kept once escalated: open up to the escalation at the latest (the subject's reading).
        Assert.Equal(DisputeState.Open, final.AsOf(escalatedAt.AddTicks(-1))!.State);
        Assert.Equal(DisputeState.Escalated, final.AsOf(escalatedAt)!.State);
        Assert.Equal(DisputeState.Escalated, final.AsOf(foundAt.AddTicks(-1))!.State);
        Assert.Equal(DisputeState.FoundWrong, final.AsOf(foundAt)!.State);
        Assert.Equal(DisputeState.Withdrawn, final.AsOf(withdrawnAt)!.State);
        Assert.Equal(final, final.AsOf(withdrawnAt.AddYears(1)));

        // Late utility fees stop counting while disputed: not while escalated (the verification stands), again from the finding.
        var history = new SubjectHistory(Alice, [Arrears, withdrawal], [final], []);
        Assert.Equal(980, Score(history, Opened.AddTicks(-1)));
        Assert.Equal(1000, Score(history, Opened.AddDays(1)));
        Assert.Equal(980, Score(history, escalatedAt.AddDays(1)));
        Assert.Equal(1000, Score(history, foundAt));
        Assert.Equal(1000, Score(history, withdrawnAt.AddDays(1)));
    }

    [Fact]
    public void An_upheld_dispute_is_open_only_until_its_answer_deadline_however_late_the_escalation_came()
    {
        var d = Open();
        d = d.Respond("water-co", new DisputeAnswer(DisputeAnswerKind.Verify, "meter readings"), Opened.AddDays(20)).Accepted();
        d = d.Escalate("receipt ignored", d.DueAt.AddDays(5)).Accepted();
        d = d.Decide("rev", DisputeFinding.Upheld, "the receipt is for another account", d.DueAt.AddDays(9)).Accepted();
        Assert.Equal(DisputeState.Open, d.AsOf(d.DueAt.AddTicks(-1))!.State);
        Assert.Equal(DisputeState.Verified, d.AsOf(d.DueAt)!.State);
        Assert.Equal(DisputeState.Escalated, d.AsOf(d.Escalation!.At)!.State);
        Assert.Equal(DisputeState.Upheld, d.AsOf(d.Escalation.DecidedAt!.Value)!.State);
        Assert.Empty(CaseFile.FlagsAt([d], d.DueAt));
    }

    [Fact]
    public void A_dispute_left_open_past_its_deadline_is_resolved_there_with_the_removal_the_scheduler_writes_and_a_stored_removal_is_not_doubled()
    {
        var d = Open();
        var history = new SubjectHistory(Alice, [Arrears], [d], []);
        var before = history.FileAt(d.DueAt.AddTicks(-1));
        Assert.Single(before.Versions);
        Assert.Equal([new RecordDispute(Arrears.Key, Opened)], before.Disputes.ToArray());

        var after = history.FileAt(d.DueAt);
        var resolved = d.ResolveOverdue(d.DueAt).Accepted();
        Assert.Equal([Arrears, resolved.RemovalVersion(Arrears)], after.Versions.ToArray());

        var stored = new SubjectHistory(Alice, [Arrears, resolved.RemovalVersion(Arrears)], [resolved], []);
        Assert.Equal(after.Versions.ToArray(), stored.FileAt(d.DueAt.AddDays(3)).Versions.ToArray());
        Assert.Equal(1000, Score(stored, d.DueAt.AddDays(3)));
    }

    [Fact]
    public void A_repair_ends_the_effect_from_its_instant_and_two_of_one_record_keep_the_earliest()
    {
        var at = T0.AddMonths(4);
        var history = new SubjectHistory(Alice, [Arrears], [], [new RecordRepair(Arrears.Key, at.AddDays(3)), new RecordRepair(Arrears.Key, at)]);
        Assert.Equal(980, Score(history, at.AddTicks(-1)));
        Assert.Equal(1000, Score(history, at));
        Assert.Equal([new RecordCase(Arrears.Key, null, null, at)], history.CasesAt(at.AddDays(5)).ToArray());
        Assert.Empty(history.CasesAt(at.AddTicks(-1)));
    }

    [Fact]
    public void A_history_lists_every_instant_its_facts_change_and_refuses_what_is_not_the_subjects_own_or_out_of_order()
    {
        var d = Open().Respond("water-co", new DisputeAnswer(DisputeAnswerKind.Verify, "ok"), Opened.AddDays(1)).Accepted();
        var history = new SubjectHistory(Alice, [Arrears], [d], [new RecordRepair(Arrears.Key, T0.AddMonths(5))], [new ConsentStep(T0.AddDays(3), true)]);
        Assert.Equal([T0, T0.AddDays(3), Opened, Opened.AddDays(1), d.DueAt, T0.AddMonths(5)], history.Changes.ToArray());

        Assert.Throws<ForeignRecordException>(() => new SubjectHistory(Bob, [Arrears], [], []));
        Assert.Throws<ArgumentException>(() => new SubjectHistory(Bob, [], [d with { Subject = Bob }], []));
        Assert.Throws<ArgumentException>(() => new SubjectHistory(Alice, [Arrears], [d with { Subject = Bob }], []));
        Assert.Throws<ArgumentException>(() => new SubjectHistory(Alice, [Arrears, Withdraw(Arrears, T0.AddTicks(-1))], [], []));
    }

    [Fact]
    public void Consent_is_the_latest_change_by_the_instant_where_the_policy_requires_it()
    {
        var policy = Prc with { ConsentRequired = true };
        var history = new SubjectHistory(Alice, [Arrears], [], [], [new ConsentStep(T0.AddDays(1), true), new ConsentStep(T0.AddDays(5), false)]);
        Assert.False(history.ConsentAt(policy, T0));
        Assert.True(history.ConsentAt(policy, T0.AddDays(1)));
        Assert.False(history.ConsentAt(policy, T0.AddDays(5)));
        Assert.False(history.ConsentAt(Prc, T0.AddDays(2)));
        Assert.True(new SubjectHistory(Alice, [Arrears], [], [], consent: true).ConsentAt(policy, T0));
    }
}
