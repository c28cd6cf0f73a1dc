using System.Collections.Immutable;

namespace Credence.Core.DueProcess;

/// <summary>The notices of a dispute escalated to a reviewer: escalated, upheld, found wrong.</summary>
public static partial class NoticeComposer
{
    /// <summary>The subject escalated a verified dispute: a reviewer will decide with a written reason.</summary>
    public static Notice DisputeEscalated(Dispute dispute, string policyVersion)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        var e = dispute.Escalation ?? throw new ArgumentException($"dispute {dispute.Id} was not escalated", nameof(dispute));
        return new Notice(
            NoticeKind.DisputeEscalated,
            e.At,
            dispute.Subject,
            policyVersion,
            $"Your dispute of record {dispute.Record} is with a reviewer",
            [new NoticeReason("DISPUTE.ESCALATED", $"You said: {e.Reason}. {dispute.Source}'s verification stands, and the record counts as its type says, until the reviewer decides.")],
            [new NextStep("wait", "A reviewer will decide, with written reasons: uphold the verification, or find the record wrong, in which case its source must correct or withdraw it within 3 working days. A dispute can be escalated only once.")],
            NoticeAbout.Dispute(dispute.Id));
    }

    /// <summary>The reviewer upheld the source's verification.</summary>
    public static Notice DisputeUpheld(Dispute dispute, string policyVersion)
    {
        var e = Decided(dispute, DisputeFinding.Upheld);
        return new Notice(
            NoticeKind.DisputeUpheld,
            e.DecidedAt!.Value,
            dispute.Subject,
            policyVersion,
            $"Reviewer upheld {dispute.Source}'s verification of record {dispute.Record}",
            [new NoticeReason("DISPUTE.UPHELD", $"{e.Reviewer}: {e.FindingReason}")],
            [new NextStep("dispute", "The record stands and counts as its type says. If you have new evidence, you may dispute the record again.")],
            NoticeAbout.Dispute(dispute.Id));
    }

    /// <summary>The reviewer found the record wrong: its source must correct or withdraw it by the revocation deadline.</summary>
    public static Notice DisputeFoundWrong(Dispute dispute, string policyVersion)
    {
        var e = Decided(dispute, DisputeFinding.FoundWrong);
        return new Notice(
            NoticeKind.DisputeFoundWrong,
            e.DecidedAt!.Value,
            dispute.Subject,
            policyVersion,
            $"Reviewer found record {dispute.Record} wrong",
            [new NoticeReason("DISPUTE.FOUND-WRONG", $"{e.Reviewer}: {e.FindingReason}")],
            [new NextStep("wait", $"{dispute.Source} must correct or withdraw the record before {dispute.DueAt:u} (3 working days); if it does not, the dispute is resolved for you then, the record stops counting and listings resting on it end.", Until: dispute.DueAt)],
            NoticeAbout.Dispute(dispute.Id));
    }

    /// <summary>The next steps after a verification: escalate to a reviewer while the window is open, or dispute again with new evidence.</summary>
    private static ImmutableArray<NextStep> VerifiedSteps(Dispute dispute)
    {
        var again = new NextStep("dispute", "If you have new evidence, you may dispute the record again.");
        return dispute.EscalationDue is { } due
            ? [new NextStep("escalate", $"If you think the verification is wrong, ask a reviewer to look, once, with your reason, before {due:u}.", Until: due), again]
            : [again];
    }

    private static DisputeEscalation Decided(Dispute dispute, DisputeFinding finding)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        return dispute.Escalation is { } e && e.Finding == finding && e.DecidedAt is not null
            ? e
            : throw new ArgumentException($"dispute {dispute.Id} has no {finding} decision", nameof(dispute));
    }
}
