using Credence.Core.DueProcess;
using Credence.Core.Explanations;
using Credence.Core.Records;
using Credence.Core.Scoring;
using static Credence.Core.Tests.DueProcess.Fixture;
using static Credence.Core.Tests.Scoring.Sample;

namespace Credence.Core.Tests.DueProcess;

/// <summary>The four stories of issue 4, at the core level, with explicit instants.</summary>
public class StoryTests
{
    [Fact]
    public void The_wrong_person_is_delisted_and_the_flight_denial_is_marked_affected()
    {
        // The court lists a defaulter under Alice's identifier by mistake.
        var wrong = Rec(Alice, "judgment-defaulter", T0, source: "court", id: "2025-zhi-0042");
        var before = SubjectFile.Create(Alice, [wrong]);

        // Ten days later an airline asks, and Alice is denied a flight.
        var deniedAt = T0.AddDays(10);
        var atDenial = Assess(SubjectFacts.Compile(Compiled, before), deniedAt);
        var denial = Decider.Decide(atDenial, Prc, "air.ticket")!;
        Assert.False(denial.Allowed);
        var adverse = NoticeComposer.AdverseDecision(atDenial, denial, "airline-x", "q-881");
        Assert.Equal("LISTED.court-defaulters", adverse.Reasons[0].Code);
        Assert.Contains(adverse.NextSteps, s => s.Action == "dispute");
        var past = new PastDecision("q-881", Alice, "air.ticket", "airline-x", deniedAt, denial.Allowed, denial.PolicyVersion);

        // She disputes; the record is flagged at once and, as its type says, keeps counting.
        var dispute = Dispute.Open("d-1", Prc, Alice, wrong, "I have never been a party to this case", "ID card copy", T0.AddDays(12), []).Accepted();
        var flagged = SubjectFacts.Compile(Compiled, SubjectFile.Create(Alice, [wrong], Dispute.Flags([dispute])));
        var whileDisputed = Assess(flagged, T0.AddDays(12));
        Assert.True(Assert.Single(whileDisputed.Contributions).Disputed);
        Assert.NotEmpty(whileDisputed.Listings);

        // The court finds the mistake and withdraws within its deadlines.
        var foundAt = T0.AddDays(13);
        var withdrawnAt = T0.AddDays(14);
        Assert.True(withdrawnAt < DisputeDeadlines.RevocationDue(foundAt));
        var withdrawal = Version(wrong, RecordAction.Withdrawn, withdrawnAt, "identifier mix-up");
        var answered = dispute.Respond("court", new DisputeAnswer(DisputeAnswerKind.Withdraw, "identifier mix-up", withdrawal), withdrawnAt).Accepted();
        Assert.True(withdrawnAt < answered.DueAt);

        // Listing and score effect reversed from the withdrawal on; history before it stays as it was.
        var after = SubjectFile.Create(Alice, [wrong, withdrawal], Dispute.Flags([answered]));
        var facts = SubjectFacts.Compile(Compiled, after);
        var now = Assess(facts, withdrawnAt);
        Assert.Empty(now.Listings);
        Assert.Equal(1000, now.Score);
        Assert.True(Decider.Decide(now, Prc, "air.ticket")!.Allowed);
        Assert.NotEmpty(Assess(facts, withdrawnAt.AddTicks(-1)).Listings);

        // The denial is marked affected, with the relying party named.
        var affected = Assert.Single(AffectedDecisions.Find(Compiled, before, after, [past]));
        Assert.Equal("airline-x", affected.RelyingParty);
        Assert.Equal("q-881", affected.Decision.Id);
        var notice = NoticeComposer.DecisionAffected(affected, withdrawnAt);
        Assert.Contains("airline-x", notice.Title, StringComparison.Ordinal);
        Assert.Equal(NoticeKind.DisputeAnswered, NoticeComposer.DisputeAnswered(answered, Prc.VersionTag).Kind);
    }

    [Fact]
    public void Hardship_repair_is_refused_before_the_minimum_period_with_the_date_then_granted()
    {
        var policy = CompiledPolicy.Compile(WithType(Prc, "late-utility-fees", t => t with { Points = -50 }));
        var arrears = Rec(Alice, "late-utility-fees", T0, source: "water-co", id: "acct-7");
        var paid = Rec(Alice, "utility-arrears-paid", T0.AddMonths(1), source: "water-co", id: "acct-7-paid");
        SubjectFacts FactsWith(params RecordRepair[] repairs) => Fixture.Facts(policy, Alice, [arrears, paid], repairs: repairs);

        // The grade falls with the arrears.
        Assert.Equal("A", Assess(FactsWith(), T0.AddTicks(-1)).Grade);
        Assert.Equal("B", Assess(FactsWith(), T0).Grade);

        // Paid after a month; applying after two months is refused with the date the period is served.
        var early = RepairAssessor.Assess(FactsWith(), arrears.Key, T0.AddMonths(2));
        var unmet = Assert.Single(early.Unmet);
        Assert.Equal("minimum-period-not-served", unmet.Code);
        Assert.Equal(T0.AddMonths(3), unmet.MetAt);
        var refusal = NoticeComposer.RepairDecided(Alice, early, "rep-1");
        Assert.Equal(NoticeKind.RepairRefused, refusal.Kind);
        Assert.Contains(refusal.NextSteps, s => s.Action == "apply-for-repair" && s.From == T0.AddMonths(3));

        // Applying again when the period is served: granted at once, and the grade is restored.
        var granted = RepairAssessor.Assess(FactsWith(), arrears.Key, T0.AddMonths(3));
        Assert.True(granted.Eligible);
        var repaired = FactsWith(granted.Repair!);
        Assert.Equal("B", Assess(repaired, T0.AddMonths(3).AddTicks(-1)).Grade);
        Assert.Equal("A", Assess(repaired, T0.AddMonths(3)).Grade);
        Assert.Equal(NoticeKind.RepairGranted, NoticeComposer.RepairDecided(Alice, granted, "rep-2").Kind);
    }

    [Fact]
    public void Silence_resolves_a_disputed_tax_record_for_the_subject_exactly_at_the_deadline()
    {
        var fcra = Fcra();
        var policy = CompiledPolicy.Compile(fcra);
        var tax = Rec(Alice, "tax-evasion", T0, source: "tax-office", id: "assessment-9");
        var dispute = Dispute.Open("d-7", fcra, Alice, tax, "the company was never mine", null, T0.AddDays(5), []).Accepted();
        Assert.Equal(T0.AddDays(35), dispute.DueAt);

        // The scheduler knows when to wake, from stored state alone.
        var open = Fixture.Facts(policy, Alice, [tax], Dispute.Flags([dispute]));
        var due = Transitions.Due(open, [dispute], T0.AddDays(5), T0.AddDays(60), true);
        Assert.Equal(dispute.DueAt, Assert.Single(due, t => t.Kind == TransitionKind.DisputeDue).At);

        // Not a tick before.
        Assert.Equal("not-due", Assert.Single(dispute.ResolveOverdue(dispute.DueAt.AddTicks(-1)).Refusals).Code);
        var resolved = dispute.ResolveOverdue(dispute.DueAt).Accepted();
        Assert.Equal(dispute.DueAt, resolved.ClosedAt);

        // The record counted (its type counts while disputed) until the deadline, and stops exactly then.
        var file = Fixture.Facts(policy, Alice, [tax, resolved.RemovalVersion(tax)], Dispute.Flags([resolved]));
        Assert.Equal(950, ScoringEngine.Evaluate(file, dispute.DueAt.AddTicks(-1), true).Score);
        Assert.Equal(1000, ScoringEngine.Evaluate(file, dispute.DueAt, true).Score);
        Assert.Contains(Assess(file, dispute.DueAt).Inactive, i => i.Reason == "withdrawn" && i.Detail.Contains("resolved for the subject", StringComparison.Ordinal));

        var notice = NoticeComposer.DisputeResolvedForSubject(resolved, fcra.VersionTag);
        Assert.Equal(dispute.DueAt, notice.At);
        Assert.Equal("test-persons@fcra-1", notice.PolicyVersion);
        Assert.Empty(Transitions.Due(file, [resolved], dispute.DueAt, T0.AddDays(60), true).Where(t => t.Kind == TransitionKind.DisputeDue));
    }

    [Fact]
    public void A_fixed_term_defaulter_listing_ends_by_itself_at_its_instant_with_a_notice()
    {
        var defaulter = Rec(Alice, "judgment-defaulter", T0, source: "court", id: "2025-zhi-0100");
        var facts = Facts(defaulter);
        var end = T0.AddYears(2);

        // A scheduler: sleep until the next transition, act on everything due, remember how far it got.
        var notices = new List<Notice>();
        var after = T0;
        while (Transitions.NextAt(facts, [], after, true) is { } next && next <= end)
        {
            foreach (var t in Transitions.Due(facts, [], after, next, true))
            {
                if (t.Kind == TransitionKind.ExpiryApproaching && t.List is not null)
                {
                    notices.Add(NoticeComposer.ExpiryApproaching(Alice, Prc.VersionTag, t));
                }
                else if (t.Kind == TransitionKind.ListingEnds)
                {
                    Assert.Equal(end, t.At);
                    notices.Add(NoticeComposer.Delisted(Alice, Prc.VersionTag, t.List!, "court defaulter list", t.At, "its two-year term ended"));
                }
            }

            after = next;
        }

        Assert.NotEmpty(Assess(facts, end.AddTicks(-1)).Listings);
        Assert.Empty(Assess(facts, end).Listings);
        Assert.Equal([NoticeKind.ExpiryApproaching, NoticeKind.Delisted], notices.Select(n => n.Kind).ToArray());
        Assert.Equal(end.AddDays(-7), notices[0].At);
        Assert.Equal(end, notices[1].At);
        Assert.Equal(end, after);
    }
}
