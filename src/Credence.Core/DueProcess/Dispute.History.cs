namespace Credence.Core.DueProcess;

/// <summary>A dispute as it stood at an earlier instant, from the instants its current form keeps.</summary>
public sealed partial record Dispute
{
    /// <summary>
    /// This dispute as it stood at <paramref name="at"/>: null before it was opened; open until its
    /// answer (<see cref="ClosedAt"/>); after a verification that was escalated, verified until the
    /// escalation, escalated until the reviewer's decision, then upheld, or found wrong and open for
    /// its source again until it closed. A dispute still open at its deadline is resolved for the
    /// subject exactly at the deadline, as the scheduler will store it.
    /// </summary>
    /// <remarks>
    /// Implementation note: the stored dispute keeps one closing instant, so the instant of a
    /// verification that was later escalated is not among its fields. It came before the escalation
    /// and, being accepted, before the answer's deadline (which an upheld or still escalated dispute
    /// keeps; a dispute found wrong has the revocation deadline instead): the dispute is taken as
    /// open until the earlier of the two, the reading that favours the subject (a record that does
    /// not count while disputed stays uncounted up to the latest instant the verification can have
    /// come). The registry's score history and the offline scorer both call this, so both read the
    /// same past from the same facts.
    /// </remarks>
    public Dispute? AsOf(DateTimeOffset at)
    {
        if (at < OpenedAt)
        {
            return null;
        }

        Dispute then;
        if (Escalation is not { } e)
        {
            then = ClosedAt is { } closed && closed <= at ? this : Reopened();
        }
        else
        {
            var verified = e.Finding == DisputeFinding.FoundWrong || DueAt > e.At ? e.At : DueAt;
            var plain = e with { Reviewer = null, Finding = null, FindingReason = null, DecidedAt = null };
            if (at < verified)
            {
                // The verification came in time: no deadline passes while the source had not yet answered.
                return this with { State = DisputeState.Open, Answer = null, ClosedAt = null, DueAt = verified, Escalation = null };
            }

            then = at < e.At ? this with { State = DisputeState.Verified, ClosedAt = verified, Escalation = null }
                : e.DecidedAt is not { } decided || at < decided ? this with { State = DisputeState.Escalated, ClosedAt = null, Escalation = plain }
                : e.Finding == DisputeFinding.Upheld || ClosedAt is { } revoked && revoked <= at ? this
                : Reopened() with { State = DisputeState.FoundWrong };
        }

        return then.IsOpen && then.DueAt <= at ? then with { State = DisputeState.ResolvedForSubject, ClosedAt = then.DueAt } : then;
    }

    private Dispute Reopened() => this with { State = DisputeState.Open, Answer = null, ClosedAt = null };
}
