namespace Credence.Core.DueProcess;

/// <summary>
/// Where a dispute stands. <see cref="Open"/> and <see cref="FoundWrong"/> wait for the source;
/// <see cref="Escalated"/> waits for a reviewer; <see cref="Verified"/> is final once the escalation
/// window has closed (<see cref="DisputeDeadlines.EscalationDue"/>) or an escalation was decided;
/// the others are final.
/// </summary>
/// <remarks>
/// Implementation note: the values are stored; existing ones never change, new ones are appended.
/// </remarks>
public enum DisputeState
{
    /// <summary>Waiting for the source's answer.</summary>
    Open = 1,

    /// <summary>
    /// The source verified the record: it stands and counts as its policy type says. The subject may
    /// still escalate to a reviewer once, within the escalation window.
    /// </summary>
    Verified = 2,

    /// <summary>The source corrected the record with a new version.</summary>
    Corrected = 3,

    /// <summary>The source withdrew the record.</summary>
    Withdrawn = 4,

    /// <summary>Unanswered at the deadline: resolved for the subject, the record stops counting.</summary>
    ResolvedForSubject = 5,

    /// <summary>The subject escalated the source's verification to a reviewer; the verification stands until decided.</summary>
    Escalated = 6,

    /// <summary>A reviewer upheld the source's verification, with a written reason: final.</summary>
    Upheld = 7,

    /// <summary>
    /// A reviewer found the record wrong: the source must correct or withdraw it before the revocation
    /// deadline (3 working days), or the dispute is resolved for the subject at that deadline.
    /// </summary>
    FoundWrong = 8,
}
