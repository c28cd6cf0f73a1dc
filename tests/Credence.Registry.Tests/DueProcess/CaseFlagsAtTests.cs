using Credence.Core.DueProcess;
using Credence.Core.Identifiers;
using Credence.Core.Records;
using Credence.Registry.DueProcess;

namespace Credence.Registry.Tests.DueProcess;

/// <summary>The flags a subject's file had at a past instant, as the score history evaluates it.</summary>
public class CaseFlagsAtTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SubjectId Bob = SubjectIdentifiers.Parse(Ids.Bob, DateOnly.MaxValue);
    private static readonly RecordKey W1 = new("city-water", "W-1");
    private static readonly RecordKey W2 = new("city-water", "W-2");

    private static StoredDispute Dispute(string id, RecordKey record, DisputeState state, DateTimeOffset? closed) =>
        new(id, Ids.Bob, record, "not mine", null, T0, T0.AddDays(15), state, state is DisputeState.Verified ? DisputeAnswerKind.Verify : null, null, null, closed, "p@1");

    private static RepairApplication Repair(DateTimeOffset? effective) =>
        new("r-1", Ids.Bob, T0.AddDays(1), new RepairAssessment(W2, "late-utility-fees", T0.AddDays(1), "p@1", null, [], null, []), effective);

    [Fact]
    public void A_dispute_flags_its_record_from_its_opening_until_it_closes_unless_resolved_for_the_subject_and_a_repair_from_its_instant()
    {
        var verified = Dispute("d-1", W1, DisputeState.Verified, T0.AddDays(2));
        var repairs = new[] { Repair(T0.AddDays(3)), Repair(null) with { Id = "r-0" } };

        Assert.Same(CaseFlags.None, SubjectFiles.FlagsAt(Bob, [verified], repairs, T0.AddTicks(-1)));
        var open = SubjectFiles.FlagsAt(Bob, [verified], repairs, T0.AddDays(1));
        Assert.Equal<RecordDispute>([new RecordDispute(W1, T0)], open.Disputes);
        Assert.Equal<DateTimeOffset>([T0.AddDays(15)], open.OpenDeadlines);
        Assert.Empty(open.Repairs);

        var closed = SubjectFiles.FlagsAt(Bob, [verified], repairs, T0.AddDays(3));
        Assert.Empty(closed.Disputes);
        Assert.Empty(closed.OpenDeadlines);
        Assert.Equal<RecordRepair>([new RecordRepair(W2, T0.AddDays(3))], closed.Repairs);

        var resolved = Dispute("d-2", W1, DisputeState.ResolvedForSubject, T0.AddDays(15));
        Assert.Equal<RecordDispute>([new RecordDispute(W1, T0)], SubjectFiles.FlagsAt(Bob, [resolved], [], T0.AddDays(1)).Disputes);
        var after = SubjectFiles.FlagsAt(Bob, [resolved], [], T0.AddDays(20));
        Assert.Equal<RecordDispute>([new RecordDispute(W1, T0)], after.Disputes);
        Assert.Empty(after.OpenDeadlines);
    }

    [Fact]
    public void A_verification_under_a_reviewers_eyes_stands_while_escalated_and_the_record_is_flagged_again_from_a_finding_that_it_is_wrong()
    {
        var escalatedAt = T0.AddDays(5);
        var foundAt = T0.AddDays(8);
        var escalated = Dispute("d-3", W1, DisputeState.Escalated, null) with { Answer = DisputeAnswerKind.Verify, Escalation = new DisputeEscalation("receipt ignored", escalatedAt) };

        Assert.Equal<RecordDispute>([new RecordDispute(W1, T0)], SubjectFiles.FlagsAt(Bob, [escalated], [], escalatedAt.AddTicks(-1)).Disputes);
        Assert.Empty(SubjectFiles.FlagsAt(Bob, [escalated], [], escalatedAt).Disputes);
        Assert.Empty(SubjectFiles.FlagsAt(Bob, [escalated], [], T0.AddDays(20)).Disputes);

        var found = escalated with { State = DisputeState.FoundWrong, DueAt = foundAt.AddDays(3), Escalation = escalated.Escalation! with { Reviewer = "rev", Finding = DisputeFinding.FoundWrong, FindingReason = "paid", DecidedAt = foundAt } };
        Assert.Empty(SubjectFiles.FlagsAt(Bob, [found], [], foundAt.AddTicks(-1)).Disputes);
        var flagged = SubjectFiles.FlagsAt(Bob, [found], [], foundAt);
        Assert.Equal<RecordDispute>([new RecordDispute(W1, foundAt)], flagged.Disputes);
        Assert.Equal<DateTimeOffset>([foundAt.AddDays(3)], flagged.OpenDeadlines);
    }
}
