using Credence.Core.DueProcess;

namespace Credence.Registry.DueProcess;

/// <summary>An appeal against a refused repair, as stored: which refusal, the grounds, and the reviewer's reasoned decision.</summary>
public sealed record StoredAppeal(
    string Id,
    string RepairId,
    string Subject,
    string Grounds,
    DateTimeOffset FiledAt,
    AppealState State,
    string? Reviewer,
    string? Reason,
    DateTimeOffset? DecidedAt)
{
    /// <summary>The Core appeal, given the refusal it is about.</summary>
    public Appeal ToAppeal(RepairAssessment refusal) => new(Id, refusal, Grounds, FiledAt, State, Reviewer, Reason, DecidedAt);

    public static StoredAppeal From(Appeal a, string repairId, string subject) =>
        new(a.Id, repairId, subject, a.Grounds, a.FiledAt, a.State, a.Reviewer, a.Reason, a.DecidedAt);
}
