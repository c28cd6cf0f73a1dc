using System.Collections.Immutable;

namespace Credence.Registry.DueProcess;

/// <summary>
/// An entry of the reviewers' queue: an appeal against a refused repair (with the refusal), or a
/// dispute the subject escalated, with the decisions the reviewer may take on it.
/// </summary>
/// <param name="Kind"><see cref="AppealKind"/> or <see cref="DisputeKind"/>.</param>
/// <param name="CaseId">The appeal's or the dispute's id.</param>
/// <param name="Since">When it started waiting for a person (filed, escalated).</param>
/// <param name="Decisions">What the reviewer may decide, always with a written reason.</param>
public sealed record ReviewItem(string Kind, string CaseId, DateTimeOffset Since, ImmutableArray<string> Decisions, StoredAppeal? Appeal, RepairApplication? Refusal, StoredDispute? Dispute)
{
    public const string AppealKind = "appeal";
    public const string DisputeKind = "dispute";

    /// <summary>An appeal: grant the repair, or uphold the refusal.</summary>
    public static ReviewItem For(StoredAppeal appeal, RepairApplication refusal)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        return new(AppealKind, appeal.Id, appeal.FiledAt, ["grant", "uphold"], appeal, refusal, null);
    }

    /// <summary>An escalated dispute: uphold the source's verification, or find the record wrong.</summary>
    public static ReviewItem For(StoredDispute dispute)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        var since = dispute.Escalation?.At ?? throw new ArgumentException($"dispute {dispute.Id} was not escalated", nameof(dispute));
        return new(DisputeKind, dispute.Id, since, ["uphold", "found-wrong"], null, null, dispute);
    }
}
