namespace Credence.Core.DueProcess;

/// <summary>Where a dispute stands. Every state but <see cref="Open"/> is final.</summary>
public enum DisputeState
{
    /// <summary>Waiting for the source's answer.</summary>
    Open = 1,

    /// <summary>The source verified the record: it stands and counts as its policy type says.</summary>
    Verified = 2,

    /// <summary>The source corrected the record with a new version.</summary>
    Corrected = 3,

    /// <summary>The source withdrew the record.</summary>
    Withdrawn = 4,

    /// <summary>Unanswered at the deadline: resolved for the subject, the record stops counting.</summary>
    ResolvedForSubject = 5,
}
