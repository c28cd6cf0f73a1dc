namespace Credence.Core.DueProcess;

/// <summary>
/// A subject's escalation of a verified dispute to a reviewer, and the reviewer's decision once taken.
/// </summary>
/// <param name="Reason">The subject's reason for asking a person to look.</param>
/// <param name="At">When the subject escalated.</param>
/// <param name="Reviewer">Who decided, once decided.</param>
/// <param name="Finding">What the reviewer found, once decided.</param>
/// <param name="FindingReason">The reviewer's written reason, which the subject sees.</param>
/// <param name="DecidedAt">When the reviewer decided.</param>
public sealed record DisputeEscalation(
    string Reason,
    DateTimeOffset At,
    string? Reviewer = null,
    DisputeFinding? Finding = null,
    string? FindingReason = null,
    DateTimeOffset? DecidedAt = null)
{
    /// <summary>True once a reviewer decided.</summary>
    public bool IsDecided => Finding is not null;
}
