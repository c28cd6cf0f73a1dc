using Credence.Core.DueProcess;
using Credence.Core.Identifiers;
using Credence.Core.Records;

namespace Credence.Registry.DueProcess;

/// <summary>
/// A dispute as the registry keeps it: Core's <see cref="Dispute"/> fields with the subject as
/// stored text, the version the answer or the resolution wrote, and the policy whose deadline applied.
/// </summary>
/// <param name="AnswerVersion">The record version written by a correction, a withdrawal or the resolution for the subject.</param>
/// <param name="DueAt">The first instant at which the source is too late: the answer's deadline, or after a reviewer found the record wrong, the revocation deadline.</param>
/// <param name="Escalation">The subject's escalation to a reviewer and the reviewer's decision, if escalated.</param>
public sealed record StoredDispute(
    string Id,
    string Subject,
    RecordKey Record,
    string Reason,
    string? Evidence,
    DateTimeOffset OpenedAt,
    DateTimeOffset DueAt,
    DisputeState State,
    DisputeAnswerKind? Answer,
    string? AnswerReason,
    int? AnswerVersion,
    DateTimeOffset? ClosedAt,
    string PolicyTag,
    DisputeEscalation? Escalation = null)
{
    /// <summary>The source that must answer.</summary>
    public string Source => Record.Source;

    /// <summary>True while the source must still answer (open, or found wrong by a reviewer).</summary>
    public bool IsOpen => State is DisputeState.Open or DisputeState.FoundWrong;

    /// <summary>True while evidence may still be added: the source must still answer, or a reviewer decides.</summary>
    public bool TakesEvidence => IsOpen || State is DisputeState.Escalated;

    /// <summary>The Core dispute, for its state machine (the answer's record version is in the records, not here).</summary>
    public Dispute ToDispute(SubjectId subject) =>
        new(Id, subject, Record, Reason, Evidence, OpenedAt, DueAt, State, Answer is { } kind ? new DisputeAnswer(kind, AnswerReason ?? string.Empty) : null, ClosedAt, Escalation);

    /// <summary>The stored form of a Core dispute.</summary>
    public static StoredDispute From(Dispute d, string policyTag, int? answerVersion = null) =>
        new(d.Id, d.Subject.Value, d.Record, d.Reason, d.Evidence, d.OpenedAt, d.DueAt, d.State, d.Answer?.Kind, d.Answer?.Reason, answerVersion ?? d.Answer?.NewVersion?.Version, d.ClosedAt, policyTag, d.Escalation);
}
