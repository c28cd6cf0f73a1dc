namespace Credence.Core.DueProcess;

/// <summary>The escalation of a verified dispute to a reviewer, and the reviewer's decision.</summary>
/// <remarks>
/// Implementation note: a reviewer never writes the record. Upholding ends the dispute with the
/// source's verification standing; finding the record wrong only reopens the dispute for its source,
/// which must correct or withdraw it within <see cref="DisputeDeadlines.RevocationDue"/>. If it does
/// not, the ordinary deadline resolves the dispute for the subject: the removal is written on the
/// source's behalf by the rules, not by the reviewer. So a person's judgment enters only as a
/// reasoned, recorded step, and the outcome still comes from the source or from the rules.
/// </remarks>
public sealed partial record Dispute
{
    /// <summary>
    /// The subject escalates the source's verification to a reviewer, once, with its reason, before
    /// <see cref="DisputeDeadlines.EscalationDue"/> of the verification. Refused when the dispute is
    /// not verified (<c>not-verified</c>), was already escalated (<c>already-escalated</c>), the window
    /// has closed (<c>escalation-window-closed</c>), or without a reason (<c>reason-required</c>).
    /// </summary>
    public Outcome<Dispute> Escalate(string reason, DateTimeOffset at)
    {
        var refusals = new List<Refusal>();
        if (Escalation is not null)
        {
            refusals.Add(new Refusal("already-escalated", $"dispute {Id} was already escalated on {Escalation.At:u}; a dispute may be escalated once"));
        }
        else if (State != DisputeState.Verified)
        {
            refusals.Add(new Refusal("not-verified", $"dispute {Id} is {State}; only a dispute its source verified can be escalated to a reviewer"));
        }
        else if (ClosedAt is { } verifiedAt && at >= DisputeDeadlines.EscalationDue(verifiedAt))
        {
            refusals.Add(new Refusal("escalation-window-closed", $"the verification of {verifiedAt:u} could be escalated until {DisputeDeadlines.EscalationDue(verifiedAt):u}; you may dispute the record again with new evidence"));
        }
        else if (ClosedAt is { } answered && at < answered)
        {
            refusals.Add(new Refusal("before-verified", $"the dispute was verified on {answered:u}"));
        }

        if (Intake.BlankText.IsBlank(reason))
        {
            refusals.Add(new Refusal("reason-required", "an escalation needs the subject's reason"));
        }

        return refusals.Count > 0
            ? Outcome.Refuse<Dispute>(refusals)
            : Outcome.Accept(this with { State = DisputeState.Escalated, ClosedAt = null, Escalation = new DisputeEscalation(reason.Trim(), at) });
    }

    /// <summary>
    /// A reviewer decides an escalated dispute with a written reason: <see cref="DisputeFinding.Upheld"/>
    /// ends it with the verification standing; <see cref="DisputeFinding.FoundWrong"/> reopens it for the
    /// source only to correct or withdraw, due at <see cref="DisputeDeadlines.RevocationDue"/> of now.
    /// Refused when not escalated (<c>not-escalated</c>), already decided (<c>decided-already</c>),
    /// without a written reason (<c>reason-required</c>) or a named reviewer (<c>reviewer-required</c>).
    /// </summary>
    /// <param name="isWorkingDay">Optional holiday calendar for the revocation deadline.</param>
    public Outcome<Dispute> Decide(string reviewer, DisputeFinding finding, string reason, DateTimeOffset at, Func<DateOnly, bool>? isWorkingDay = null)
    {
        var refusals = new List<Refusal>();
        if (Escalation is { IsDecided: true } decided)
        {
            refusals.Add(new Refusal("decided-already", $"dispute {Id} was decided ({decided.Finding}) by {decided.Reviewer} on {decided.DecidedAt:u}"));
        }
        else if (State != DisputeState.Escalated || Escalation is null)
        {
            refusals.Add(new Refusal("not-escalated", $"dispute {Id} is {State}; a reviewer decides only disputes the subject escalated"));
        }
        else if (at < Escalation.At)
        {
            refusals.Add(new Refusal("before-escalated", $"the dispute was escalated on {Escalation.At:u}"));
        }

        if (string.IsNullOrWhiteSpace(reviewer))
        {
            refusals.Add(new Refusal("reviewer-required", "an escalated dispute is decided by a named reviewer"));
        }

        if (Intake.BlankText.IsBlank(reason))
        {
            refusals.Add(new Refusal("reason-required", "the reviewer's decision needs a written reason"));
        }

        if (!Enum.IsDefined(finding))
        {
            refusals.Add(new Refusal("finding-unknown", $"finding {finding} is neither upheld nor found wrong"));
        }

        if (refusals.Count > 0)
        {
            return Outcome.Refuse<Dispute>(refusals);
        }

        var escalation = Escalation! with { Reviewer = reviewer.Trim(), Finding = finding, FindingReason = reason.Trim(), DecidedAt = at };
        return Outcome.Accept(finding == DisputeFinding.Upheld
            ? this with { State = DisputeState.Upheld, ClosedAt = at, Escalation = escalation }
            : this with { State = DisputeState.FoundWrong, ClosedAt = null, DueAt = DisputeDeadlines.RevocationDue(at, isWorkingDay), Escalation = escalation });
    }

    /// <summary>While verified: the first instant at which the subject can no longer escalate; null otherwise.</summary>
    public DateTimeOffset? EscalationDue => State == DisputeState.Verified && Escalation is null && ClosedAt is { } at ? DisputeDeadlines.EscalationDue(at) : null;

    /// <summary>The disputes waiting for a reviewer, longest waiting first.</summary>
    public static IEnumerable<Dispute> Escalated(IEnumerable<Dispute> disputes) =>
        disputes.Where(d => d.State == DisputeState.Escalated).OrderBy(d => d.Escalation!.At).ThenBy(d => d.Id, StringComparer.Ordinal);
}
