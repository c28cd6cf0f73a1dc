using System.Collections.Immutable;
using Credence.Core.DueProcess;
using Credence.Core.Explanations;
using Credence.Core.Records;
using static Credence.Core.Tests.DueProcess.Fixture;
using static Credence.Core.Tests.Scoring.Sample;

namespace Credence.Core.Tests.DueProcess;

/// <summary>
/// Every kind of notice the registry can emit, in every variant, names what it is about and gives at
/// least one next step; every adverse or negative one gives a concrete step (a dispute, a repair, an
/// appeal, the obligation to fulfil, or a dated change on the path forward), never only "nothing".
/// </summary>
public class NoticeStepTests
{
    private const string Version = "test-persons@1";

    private static readonly Record Arrears = Rec(Alice, "late-utility-fees", T0, source: "water-co");

    private static readonly Record Defaulter = Rec(Alice, "judgment-defaulter", T0);

    private static readonly Record Heroic = Rec(Alice, "heroic-act", T0, source: "city");

    /// <summary>The kinds that tell the subject of something against it.</summary>
    private static readonly HashSet<NoticeKind> Negative =
    [
        NoticeKind.AdverseDecision, NoticeKind.BenefitNotGranted, NoticeKind.RepairRefused, NoticeKind.DisputeUpheld,
    ];

    public static TheoryData<NoticeKind> Kinds() => [.. Enum.GetValues<NoticeKind>()];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_notice_names_what_it_is_about_and_every_negative_one_carries_a_concrete_next_step(NoticeKind kind)
    {
        var samples = Samples(kind).ToList();
        Assert.NotEmpty(samples);
        foreach (var (notice, negative) in samples)
        {
            Assert.Equal(kind, notice.Kind);
            Assert.NotNull(notice.About);
            Assert.False(string.IsNullOrWhiteSpace(notice.About.Id));
            Assert.NotEmpty(notice.NextSteps);
            if (negative || Negative.Contains(kind))
            {
                Assert.Contains(notice.NextSteps, s => s.Action != "none");
                Assert.All(notice.NextSteps, s => Assert.NotEqual("none", s.Action));
            }

            Assert.All(notice.NextSteps, s => Assert.False(string.IsNullOrWhiteSpace(s.Text)));
        }
    }

    /// <summary>Each variant of a kind, with whether it is negative for the subject.</summary>
    private static IEnumerable<(Notice Notice, bool Negative)> Samples(NoticeKind kind)
    {
        var dispute = Dispute.Open("d1", Prc, Alice, Arrears, "meter misread", null, T0.AddDays(2), []).Accepted();
        var verified = dispute.Respond("water-co", new DisputeAnswer(DisputeAnswerKind.Verify, "photo"), T0.AddDays(3)).Accepted();
        var escalated = verified.Escalate("the photo is of another meter", T0.AddDays(4)).Accepted();
        var refusedEarly = RepairAssessor.Assess(Facts(Arrears), Arrears.Key, T0.AddDays(1));
        var loan = Rec(Alice, "loan-contract-default", T0, source: "bank");
        var notRepairable = RepairAssessor.Assess(Facts(loan), loan.Key, T0.AddDays(1));
        var appeal = Appeal.File("a1", refusedEarly, "paid in cash", T0.AddDays(2), []).Accepted();
        switch (kind)
        {
            case NoticeKind.AdverseDecision:
                foreach (var capability in new[] { "rail.g-train.ticket", "air.ticket" })
                {
                    var a = Assess(Facts(Defaulter, Arrears), T0.AddDays(1));
                    yield return (NoticeComposer.ForDecision(a, Decider.Decide(a, Prc, capability)!, "rp", "dec-1")!, true);
                }

                break;
            case NoticeKind.BenefitNotGranted:
                // Below the grade (reached by expiry, or not), off the redlist (window, grade), a defaulter, a minor, no consent.
                foreach (var (records, capability) in new (Record[], string)[]
                {
                    ([Heroic, Arrears], "deposit-free-rental"),
                    ([Defaulter], "deposit-free-rental"),
                    ([], "deposit-free-rental"),
                    ([Heroic, Heroic with { Key = new RecordKey("city", "h2") }, Arrears], "transit.fare-discount"),
                    ([Arrears], "transit.fare-discount"),
                })
                {
                    var a = Assess(Facts(records), T0.AddDays(1));
                    yield return (NoticeComposer.ForDecision(a, Decider.Decide(a, Prc, capability)!, "rp", "dec-2")!, true);
                }

                var minor = Explainer.Assess(Core.Scoring.SubjectFacts.Compile(Compiled, SubjectFile.Create(Minor, [])), T0, true);
                yield return (NoticeComposer.ForDecision(minor, Decider.Decide(minor, Prc, "deposit-free-rental")!, "rp", "dec-3")!, true);
                var consenting = Core.Scoring.CompiledPolicy.Compile(Credence.Core.Tests.Scoring.Sample.Policy(consentRequired: true));
                var without = Explainer.Assess(Core.Scoring.SubjectFacts.Compile(consenting, SubjectFile.Create(Alice, [])), T0, false);
                yield return (NoticeComposer.ForDecision(without, Decider.Decide(without, consenting.Policy, "deposit-free-rental")!, "rp", "dec-4")!, true);
                break;
            case NoticeKind.Listed:
                var listed = Assess(Facts(Defaulter), T0.AddDays(1));
                yield return (NoticeComposer.Listed(listed, listed.Listings.Single()), true);
                var honoured = Assess(Facts(Heroic, Heroic with { Key = new RecordKey("city", "h2") }), T0.AddDays(1));
                yield return (NoticeComposer.Listed(honoured, honoured.Listings.Single(l => l.List == "honest-citizens")), false);
                break;
            case NoticeKind.Delisted:
                yield return (NoticeComposer.Delisted(Alice, Version, "court-defaulters", "court defaulter list", T0, "its term ended"), false);
                var wayBack = NoticeComposer.WayBackOnto(Facts(Heroic, Heroic with { Key = new RecordKey("city", "h2") }, Arrears), T0.AddDays(1), true, "honest-citizens");
                yield return (NoticeComposer.Delisted(Alice, Version, "honest-citizens", "honest citizens", T0.AddDays(1), "a negative record", wayBack), true);
                break;
            case NoticeKind.DisputeOpened:
                yield return (NoticeComposer.DisputeOpened(dispute, Version, countsWhileDisputed: true), false);
                break;
            case NoticeKind.DisputeAnswered:
                yield return (NoticeComposer.DisputeAnswered(verified, Version), true);
                var corrected = Version(Arrears, RecordAction.Corrected, T0.AddDays(3), "amount") with { Quantity = 10m };
                yield return (NoticeComposer.DisputeAnswered(dispute.Respond("water-co", new DisputeAnswer(DisputeAnswerKind.Correct, "amount", corrected), T0.AddDays(3)).Accepted(), Version), true);
                var withdrawn = Version(Arrears, RecordAction.Withdrawn, T0.AddDays(3), "error");
                yield return (NoticeComposer.DisputeAnswered(dispute.Respond("water-co", new DisputeAnswer(DisputeAnswerKind.Withdraw, "error", withdrawn), T0.AddDays(3)).Accepted(), Version), false);
                break;
            case NoticeKind.DisputeResolvedForSubject:
                yield return (NoticeComposer.DisputeResolvedForSubject(dispute.ResolveOverdue(T0.AddDays(60)).Accepted(), Version), false);
                break;
            case NoticeKind.RepairGranted:
                var paid = Rec(Alice, "utility-arrears-paid", T0.AddDays(10), source: "water-co");
                var granted = RepairAssessor.Assess(Facts(Arrears, paid), Arrears.Key, T0.AddYears(1).AddDays(-1));
                Assert.True(granted.Eligible);
                yield return (NoticeComposer.RepairDecided(Alice, granted, "rep-1"), false);
                break;
            case NoticeKind.RepairRefused:
                yield return (NoticeComposer.RepairDecided(Alice, refusedEarly, "rep-2"), true);
                yield return (NoticeComposer.RepairDecided(Alice, notRepairable, "rep-3"), true);
                break;
            case NoticeKind.RepairAppealed:
                yield return (NoticeComposer.Appealed(Alice, appeal), false);
                break;
            case NoticeKind.AppealDecided:
                yield return (NoticeComposer.AppealDecided(Alice, appeal.Decide("reviewer", false, "no payment yet", T0.AddDays(5)).Accepted()), true);
                yield return (NoticeComposer.AppealDecided(Alice, appeal.Decide("reviewer", true, "paid", T0.AddDays(5)).Accepted()), false);
                break;
            case NoticeKind.ExpiryApproaching:
                yield return (NoticeComposer.ExpiryApproaching(Alice, Version, new Transition(TransitionKind.ExpiryApproaching, T0.AddDays(358), Arrears.Key, EndsAt: T0.AddYears(1))), false);
                yield return (NoticeComposer.ExpiryApproaching(Alice, Version, new Transition(TransitionKind.ExpiryApproaching, T0.AddDays(723), null, "court-defaulters", EndsAt: T0.AddYears(2))), false);
                break;
            case NoticeKind.DecisionAffected:
                var past = new PastDecision("q1", Alice, "air.ticket", "airline", T0.AddDays(1), false, Version);
                var before = SubjectFile.Create(Alice, [Defaulter]);
                var after = SubjectFile.Create(Alice, [Defaulter, Version(Defaulter, RecordAction.Withdrawn, T0.AddDays(2), "error")]);
                yield return (NoticeComposer.DecisionAffected(Assert.Single(AffectedDecisions.Find(Compiled, before, after, [past])), T0.AddDays(2)), false);

                // A correction that turns an allowance into a denial is negative.
                var wasAllowed = new PastDecision("q2", Alice, "air.ticket", "airline", T0.AddDays(1), true, Version);
                var corrected2 = new AffectedDecision(wasAllowed, new CapabilityDecision("air.ticket", DecisionAnswer.Denied, [], ["restrict-flights"], Version, []), [Defaulter.Key]);
                yield return (NoticeComposer.DecisionAffected(corrected2, T0.AddDays(2)), true);
                break;
            case NoticeKind.DisputeEscalated:
                yield return (NoticeComposer.DisputeEscalated(escalated, Version), false);
                break;
            case NoticeKind.DisputeUpheld:
                yield return (NoticeComposer.DisputeUpheld(escalated.Decide("reviewer", DisputeFinding.Upheld, "the photo is right", T0.AddDays(6)).Accepted(), Version), true);
                break;
            case NoticeKind.DisputeFoundWrong:
                yield return (NoticeComposer.DisputeFoundWrong(escalated.Decide("reviewer", DisputeFinding.FoundWrong, "another meter", T0.AddDays(6)).Accepted(), Version), false);
                break;
            default:
                throw new InvalidOperationException($"no sample for notice kind {kind}: add one");
        }
    }

    [Fact]
    public void The_samples_cover_the_negative_variants_named_by_the_issue()
    {
        // A benefit below the grade, with the path forward on record: the notice gives the date.
        var a = Assess(Facts(Heroic, Arrears), T0.AddDays(1));
        var n = NoticeComposer.ForDecision(a, Decider.Decide(a, Prc, "deposit-free-rental")!, "rp", "dec-1")!;
        Assert.Contains(n.NextSteps, s => s.Action == "wait" && s.From == Arrears.OccurredAt.AddYears(1));
        Assert.Equal(NoticeAbout.Decision("dec-1"), n.About);
    }
}
