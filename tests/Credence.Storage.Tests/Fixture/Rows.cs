using System.Collections.Immutable;
using Credence.Core.DueProcess;
using Credence.Core.Identifiers;
using Credence.Core.Records;
using Credence.Core.Scoring;
using Credence.Registry.Access;
using Credence.Registry.DueProcess;
using Credence.Registry.Storage;

namespace Credence.Storage.Tests.Fixture;

/// <summary>Rows as the use cases write them, for tests that write through the contract directly.</summary>
internal static class Rows
{
    public static Record Record(string subject, string source, string id, int version = 1, DateTimeOffset? occurred = null, DateTimeOffset? reported = null, decimal? quantity = null, string? note = null, RecordAction action = RecordAction.Submitted) =>
        new(new RecordKey(source, id), version, action, Subject(subject), "judgment-defaulter", Area.Judicial,
            occurred ?? StoreContract.Start.AddDays(-30), reported ?? StoreContract.Start, "(2026) Enforcement No. " + id, quantity, note);

    public static AccessEvent Access(string principal, DateTimeOffset at, string? subject = null, string action = "test.read", AccessOutcome outcome = AccessOutcome.Ok) =>
        new(0, at, null, principal, "auditor", action, subject, "testing", outcome, null);

    public static ListingRow Listing(string subject, string list, string policyTag, DateTimeOffset? since, DateTimeOffset? until = null, bool published = true) =>
        new(0, subject, list, policyTag, published, since, until, null);

    public static StoredDispute Dispute(string id, string subject, string source, DateTimeOffset openedAt, DateTimeOffset dueAt, DisputeState state = DisputeState.Open, DateTimeOffset? closedAt = null, DisputeEscalation? escalation = null) =>
        new(id, subject, new RecordKey(source, "R-" + id), "not mine " + id, null, openedAt, dueAt, state, null, null, null, closedAt, "rongcheng-persons@2026.1", escalation);

    public static RepairApplication Repair(string id, string subject, DateTimeOffset appliedAt, DateTimeOffset? effectiveAt) =>
        new(id, subject, appliedAt,
            new RepairAssessment(new RecordKey("court", "R-" + id), "judgment-defaulter", appliedAt, "rongcheng-persons@2026.1", appliedAt.AddDays(-1), ["judgment-performed"], null,
                effectiveAt is null ? [new Refusal("too-early", "the minimum period has not passed", appliedAt.AddDays(90))] : []),
            effectiveAt);

    public static StoredAppeal Appeal(string id, string repairId, string subject, DateTimeOffset filedAt, AppealState state = AppealState.Pending) =>
        new(id, repairId, subject, "grounds " + id, filedAt, state, state == AppealState.Pending ? null : "reviewer", state == AppealState.Pending ? null : "reason", state == AppealState.Pending ? null : filedAt.AddDays(1));

    public static StoredNotice Notice(string subject, DateTimeOffset at, string title) =>
        new(0, subject, at, NoticeKind.Listed, "rongcheng-persons@2026.1", title,
            [new NoticeReason("listed", "court defaulter " + title)], [new NextStep("dispute", "contest it", at, at.AddDays(30))], NoticeAbout.Listing("court-defaulters"));

    public static SubjectState State(string subject, DateTimeOffset reviewAt, string? grade = "B", string policyTag = "rongcheng-persons@2026.1", ScoreStatus status = ScoreStatus.Scored, params string[] lists) =>
        new(subject, Subject(subject).Kind, policyTag, status, status == ScoreStatus.Scored ? 950 : null, grade, [.. lists], StoreContract.Start, reviewAt);

    public static SubjectId Subject(string subject) => SubjectIdentifiers.Parse(subject, DateOnly.MaxValue);

    public static ImmutableArray<string> Strings(params string[] values) => [.. values];
}
