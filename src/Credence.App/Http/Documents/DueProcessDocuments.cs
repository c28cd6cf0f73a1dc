using System.Text.Json;
using Credence.Core.DueProcess;
using Credence.Registry.DueProcess;

namespace Credence.App.Http.Documents;

/// <summary>
/// A dispute as the subject and the source see it: its state, deadline (after a finding: the
/// revocation deadline), the answer with its reason, until when a verification can be escalated,
/// and the escalation with the reviewer's decision and written reason.
/// </summary>
internal sealed record DisputeDocument(
    string Id,
    string Subject,
    string Record,
    string Source,
    string SourceRecordId,
    string Reason,
    string? Evidence,
    DateTimeOffset OpenedAt,
    DateTimeOffset DueAt,
    DisputeState State,
    DisputeAnswerKind? Answer,
    string? AnswerReason,
    int? AnswerVersion,
    DateTimeOffset? ClosedAt,
    string PolicyVersion,
    DateTimeOffset? EscalationDue,
    string? EscalationReason,
    DateTimeOffset? EscalatedAt,
    string? Reviewer,
    DisputeFinding? Finding,
    string? FindingReason,
    DateTimeOffset? DecidedAt)
{
    public static DisputeDocument From(StoredDispute d)
    {
        var e = d.Escalation;
        var escalationDue = d.State == DisputeState.Verified && e is null && d.ClosedAt is { } verifiedAt ? DisputeDeadlines.EscalationDue(verifiedAt) : (DateTimeOffset?)null;
        return new(d.Id, d.Subject, d.Record.ToString(), d.Record.Source, d.Record.SourceRecordId, d.Reason, d.Evidence, d.OpenedAt, d.DueAt, d.State, d.Answer, d.AnswerReason, d.AnswerVersion, d.ClosedAt, d.PolicyTag,
            escalationDue, e?.Reason, e?.At, e?.Reviewer, e?.Finding, e?.FindingReason, e?.DecidedAt);
    }
}

/// <summary>A repair application: granted (with the instant its effect ends) or refused with every unmet criterion and when it can be met.</summary>
internal sealed record RepairDocument(
    string Id,
    string Subject,
    string Record,
    string Source,
    string SourceRecordId,
    string? Type,
    DateTimeOffset AppliedAt,
    string Outcome,
    DateTimeOffset? EffectiveAt,
    DateTimeOffset? OpensAt,
    IReadOnlyList<string> NeedsOneOf,
    string? FulfilledBy,
    IReadOnlyList<Refusal> Unmet,
    string PolicyVersion)
{
    public static RepairDocument From(RepairApplication r)
    {
        var a = r.Assessment;
        return new(r.Id, r.Subject, r.Record.ToString(), r.Record.Source, r.Record.SourceRecordId, a.Type, r.AppliedAt, r.Granted ? "granted" : "refused", r.EffectiveAt, a.OpensAt,
            a.NeedsOneOf.IsDefault ? [] : a.NeedsOneOf, a.FulfilledBy?.ToString(), a.Unmet.IsDefault ? [] : a.Unmet, a.PolicyVersion);
    }
}

/// <summary>An appeal against a refused repair and the reviewer's reasoned decision.</summary>
internal sealed record AppealDocument(string Id, string RepairId, string Subject, string Grounds, DateTimeOffset FiledAt, AppealState State, string? Reviewer, string? Reason, DateTimeOffset? DecidedAt)
{
    public static AppealDocument From(StoredAppeal a) => new(a.Id, a.RepairId, a.Subject, a.Grounds, a.FiledAt, a.State, a.Reviewer, a.Reason, a.DecidedAt);
}

/// <summary>The subject's repair applications and appeals.</summary>
internal sealed record RepairsDocument(IReadOnlyList<RepairDocument> Repairs, IReadOnlyList<AppealDocument> Appeals);

/// <summary>
/// An entry of the reviewers' queue: an appeal (with the refusal it is about) or an escalated dispute,
/// since when it waits, the decisions open to the reviewer and where to post one.
/// </summary>
internal sealed record ReviewItemDocument(string Kind, string CaseId, DateTimeOffset Since, IReadOnlyList<string> Decisions, string Decide, AppealDocument? Appeal, RepairDocument? Refusal, DisputeDocument? Dispute)
{
    public static ReviewItemDocument From(ReviewItem i) => new(
        i.Kind,
        i.CaseId,
        i.Since,
        i.Decisions,
        i.Kind == ReviewItem.DisputeKind ? $"/v1/review/disputes/{i.CaseId}" : $"/v1/review/appeals/{i.CaseId}",
        i.Appeal is { } a ? AppealDocument.From(a) : null,
        i.Refusal is { } r ? RepairDocument.From(r) : null,
        i.Dispute is { } d ? DisputeDocument.From(d) : null);
}

/// <summary>One step of a dispute, repair or appeal, as the subject's file lists it.</summary>
internal sealed record CaseStepDocument(long Id, DateTimeOffset At, string CaseId, string CaseKind, string Step, string Actor, string Record, JsonElement Detail)
{
    public static CaseStepDocument From(CaseStep s)
    {
        using var detail = JsonDocument.Parse(s.Detail);
        return new(s.Id, s.At, s.CaseId, s.CaseKind, s.Step, s.Actor, s.Record, detail.RootElement.Clone());
    }
}
