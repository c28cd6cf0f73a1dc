using System.Text.Json;
using Credence.Core.DueProcess;
using Credence.Core.Records;
using Credence.Registry.DueProcess;
using Npgsql;

namespace Credence.Registry.Storage.Postgres;

/// <summary>Disputes, repair applications, appeals, their case steps, notices, decision marks and the scheduler's checkpoint.</summary>
internal sealed partial class PostgresSession
{
    private const string DisputeColumns =
        "id, subject, source, source_record_id, reason, evidence, opened_at, due_at, state, answer, answer_reason, answer_version, closed_at, policy_tag";

    private const string ReviewColumns = "escalation_reason, escalated_at, reviewer, finding, finding_reason, decided_at";

    private const string DisputeRowColumns = DisputeColumns + ", " + ReviewColumns;

    private const string InsertDisputeSql = "INSERT INTO disputes (" + DisputeColumns + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)";

    private const string UpdateDisputeSql =
        "UPDATE disputes SET state = $1, answer = $2, answer_reason = $3, answer_version = $4, closed_at = $5, due_at = $6, "
        + "escalation_reason = $7, escalated_at = $8, reviewer = $9, finding = $10, finding_reason = $11, decided_at = $12 WHERE id = $13";

    private const string FindDisputeSql = "SELECT " + DisputeRowColumns + " FROM disputes WHERE id = $1";

    private const string SubjectDisputesSql = "SELECT " + DisputeRowColumns + " FROM disputes WHERE subject = $1 ORDER BY opened_at, id COLLATE \"C\"";

    // Waiting for the source: open (1) or found wrong by a reviewer (8).
    private const string OpenSourceDisputesSql =
        "SELECT " + DisputeRowColumns + " FROM disputes WHERE source = $1 AND state IN (1, 8) ORDER BY due_at, id COLLATE \"C\" LIMIT $2";

    private const string ClosedSourceDisputesSql =
        "SELECT " + DisputeRowColumns + " FROM disputes WHERE source = $1 AND state NOT IN (1, 8) ORDER BY closed_at DESC NULLS LAST, id COLLATE \"C\" DESC LIMIT $2";

    private const string EscalatedDisputesSql = "SELECT " + DisputeRowColumns + " FROM disputes WHERE state = 6 ORDER BY escalated_at, id COLLATE \"C\" LIMIT $1";

    private const string RepairColumns = "id, subject, source, source_record_id, applied_at, policy_tag, type, opens_at, needs_one_of, fulfilled_by, unmet, effective_at";

    private const string InsertRepairSql = "INSERT INTO repairs (" + RepairColumns + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";

    private const string GrantRepairSql = "UPDATE repairs SET effective_at = $1 WHERE id = $2 AND effective_at IS NULL";

    private const string FindRepairSql = "SELECT " + RepairColumns + " FROM repairs WHERE id = $1";

    private const string SubjectRepairsSql = "SELECT " + RepairColumns + " FROM repairs WHERE subject = $1 ORDER BY applied_at, id COLLATE \"C\"";

    private const string GrantedRepairsSql = "SELECT source, source_record_id, effective_at FROM repairs WHERE subject = $1 AND effective_at IS NOT NULL";

    private const string AppealColumns = "id, repair_id, subject, grounds, filed_at, state, reviewer, reason, decided_at";

    private const string InsertAppealSql = "INSERT INTO appeals (" + AppealColumns + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

    private const string UpdateAppealSql = "UPDATE appeals SET state = $1, reviewer = $2, reason = $3, decided_at = $4 WHERE id = $5";

    private const string FindAppealSql = "SELECT " + AppealColumns + " FROM appeals WHERE id = $1";

    private const string AppealOfRepairSql = "SELECT " + AppealColumns + " FROM appeals WHERE repair_id = $1";

    private const string SubjectAppealsSql = "SELECT " + AppealColumns + " FROM appeals WHERE subject = $1 ORDER BY filed_at, id COLLATE \"C\"";

    private const string PendingAppealsSql = "SELECT " + AppealColumns + " FROM appeals WHERE state = 1 ORDER BY filed_at, id COLLATE \"C\" LIMIT $1";

    private const string CaseStepColumns = "id, at, case_id, case_kind, step, actor_id, actor, subject, record, detail";

    private const string InsertCaseStepSql =
        "INSERT INTO case_steps (at, case_id, case_kind, step, actor_id, actor, subject, record, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id";

    private const string SubjectCaseStepsSql = "SELECT " + CaseStepColumns + " FROM case_steps WHERE subject = $1 ORDER BY id DESC LIMIT $2";

    private const string NoticeColumns = "id, subject, at, kind, policy_tag, title, reasons, next_steps, about_kind, about_id";

    private const string InsertNoticeSql =
        "INSERT INTO notices (subject, at, kind, policy_tag, title, reasons, next_steps, about_kind, about_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id";

    private const string SubjectNoticesSql = "SELECT " + NoticeColumns + " FROM notices WHERE subject = $1 ORDER BY at DESC, id DESC LIMIT $2";

    private const string SubjectNoticesBeforeSql =
        "SELECT " + NoticeColumns + " FROM notices WHERE subject = $1 AND (at < $2 OR at = $2 AND id < $3) ORDER BY at DESC, id DESC LIMIT $4";

    private const string NoticeAtSql = "SELECT at FROM notices WHERE subject = $1 AND id = $2";

    private const string NoticeCountSql = "SELECT COUNT(*) FROM notices WHERE subject = $1";

    private const string MarkColumns = "decision_id, subject, marked_at, cause, relying_party, corrected, wrong_records";

    private const string InsertMarkSql =
        "INSERT INTO decision_marks (" + MarkColumns + ") VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (decision_id) DO NOTHING";

    private const string FindMarkSql = "SELECT " + MarkColumns + " FROM decision_marks WHERE decision_id = $1";

    private const string RelyingPartyMarksSql =
        "SELECT " + MarkColumns + " FROM decision_marks WHERE relying_party = $1 AND marked_at > $2 ORDER BY marked_at, decision_id LIMIT $3";

    private const string SubjectMarksSql = "SELECT " + MarkColumns + " FROM decision_marks WHERE subject = $1 ORDER BY marked_at, decision_id";

    private const string SchedulerAfterSql = "SELECT after FROM scheduler_checkpoint WHERE id = 1";

    private const string SetSchedulerAfterSql =
        "INSERT INTO scheduler_checkpoint (id, after) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET after = GREATEST(scheduler_checkpoint.after, excluded.after)";

    public void InsertDispute(StoredDispute d)
    {
        ahead?.Disputes.Remove(d.Subject);
        Stamps?.Changed(d.Subject);
        NonQuery(InsertDisputeSql, d.Id, d.Subject, d.Record.Source, d.Record.SourceRecordId, d.Reason, Text(d.Evidence), d.OpenedAt.UtcTicks, d.DueAt.UtcTicks,
            (int)d.State, Int((int?)d.Answer), Text(d.AnswerReason), Int(d.AnswerVersion), Ticks(d.ClosedAt), d.PolicyTag);
    }

    public void UpdateDispute(StoredDispute d)
    {
        var e = d.Escalation;
        ahead?.Disputes.Remove(d.Subject);
        Stamps?.Changed(d.Subject);
        NonQuery(UpdateDisputeSql, (int)d.State, Int((int?)d.Answer), Text(d.AnswerReason), Int(d.AnswerVersion), Ticks(d.ClosedAt), d.DueAt.UtcTicks,
            Text(e?.Reason), Ticks(e?.At), Text(e?.Reviewer), Int((int?)e?.Finding), Text(e?.FindingReason), Ticks(e?.DecidedAt), d.Id);
    }

    public StoredDispute? FindDispute(string id) => Row(ReadDispute, FindDisputeSql, id);

    public IReadOnlyList<StoredDispute> SubjectDisputes(string subject) =>
        ahead is { } a && a.Disputes.TryGetValue(subject, out var known) ? [.. known] : Rows(ReadDispute, SubjectDisputesSql, subject);

    public IReadOnlyList<StoredDispute> SourceDisputes(string source, bool open, int limit) =>
        Rows(ReadDispute, open ? OpenSourceDisputesSql : ClosedSourceDisputesSql, source, limit);

    public IReadOnlyList<StoredDispute> EscalatedDisputes(int limit) => Rows(ReadDispute, EscalatedDisputesSql, limit);

    public void InsertRepair(RepairApplication r)
    {
        var a = r.Assessment;
        ahead?.GrantedRepairs.Remove(r.Subject);
        Stamps?.Changed(r.Subject);
        NonQuery(InsertRepairSql, r.Id, r.Subject, r.Record.Source, r.Record.SourceRecordId, r.AppliedAt.UtcTicks, a.PolicyVersion, Text(a.Type), Ticks(a.OpensAt),
            a.NeedsOneOf.IsDefault ? Array.Empty<string>() : a.NeedsOneOf.ToArray(), Text(a.FulfilledBy?.ToString()),
            JsonSerializer.Serialize(a.Unmet.IsDefault ? [] : a.Unmet, StorageJson.Default.ImmutableArrayRefusal), Ticks(r.EffectiveAt));
    }

    public bool GrantRepair(string id, DateTimeOffset at)
    {
        // The repair's subject is not at hand: forget every subject's granted repairs, and mark every file.
        ahead?.GrantedRepairs.Clear();
        Stamps?.ChangedAll();
        return NonQuery(GrantRepairSql, at.UtcTicks, id) == 1;
    }

    public RepairApplication? FindRepair(string id) => Row(ReadRepair, FindRepairSql, id);

    public IReadOnlyList<RepairApplication> SubjectRepairs(string subject) => Rows(ReadRepair, SubjectRepairsSql, subject);

    public IReadOnlyList<RecordRepair> GrantedRepairs(string subject) =>
        ahead is { } a && a.GrantedRepairs.TryGetValue(subject, out var known) ? [.. known] : Rows(ReadGrantedRepair, GrantedRepairsSql, subject);

    /// <summary>A row of <see cref="GrantedRepairsSql"/>.</summary>
    private static RecordRepair ReadGrantedRepair(NpgsqlDataReader r) => new(new RecordKey(r.GetString(0), r.GetString(1)), Instant(r, 2));

    public void InsertAppeal(StoredAppeal a) =>
        NonQuery(InsertAppealSql, a.Id, a.RepairId, a.Subject, a.Grounds, a.FiledAt.UtcTicks, (int)a.State, Text(a.Reviewer), Text(a.Reason), Ticks(a.DecidedAt));

    public void UpdateAppeal(StoredAppeal a) => NonQuery(UpdateAppealSql, (int)a.State, Text(a.Reviewer), Text(a.Reason), Ticks(a.DecidedAt), a.Id);

    public StoredAppeal? FindAppeal(string id) => Row(ReadAppeal, FindAppealSql, id);

    public StoredAppeal? AppealOfRepair(string repairId) => Row(ReadAppeal, AppealOfRepairSql, repairId);

    public IReadOnlyList<StoredAppeal> SubjectAppeals(string subject) => Rows(ReadAppeal, SubjectAppealsSql, subject);

    public IReadOnlyList<StoredAppeal> PendingAppeals(int limit) => Rows(ReadAppeal, PendingAppealsSql, limit);

    public long InsertCaseStep(CaseStep step)
    {
        var id = Scalar(InsertCaseStepSql, step.At.UtcTicks, step.CaseId, step.CaseKind, step.Step, step.ActorId is { } a ? a : Null.BigInt, step.Actor, step.Subject,
            step.Record, step.Detail);
        CaseStepInserted(step with { Id = id });
        return id;
    }

    public IReadOnlyList<CaseStep> SubjectCaseSteps(string subject, int limit) =>
        Rows(ReadCaseStep, SubjectCaseStepsSql, subject, limit);

    private static CaseStep ReadCaseStep(NpgsqlDataReader r) =>
        new(r.GetInt64(0), Instant(r, 1), r.GetString(2), r.GetString(3), r.GetString(4), r.IsDBNull(5) ? null : r.GetInt64(5), r.GetString(6), r.GetString(7), r.GetString(8), r.GetString(9));

    public long InsertNotice(StoredNotice n) =>
        Scalar(InsertNoticeSql, n.Subject, n.At.UtcTicks, (int)n.Kind, n.PolicyVersion, n.Title,
            JsonSerializer.Serialize(n.Reasons.IsDefault ? [] : n.Reasons, StorageJson.Default.ImmutableArrayNoticeReason),
            JsonSerializer.Serialize(n.NextSteps.IsDefault ? [] : n.NextSteps, StorageJson.Default.ImmutableArrayNextStep),
            Text(n.About?.Kind), Text(n.About?.Id));

    /// <remarks>
    /// Implementation note: newest instant first, ties by id; a page after notice <paramref name="before"/>
    /// continues from that notice's place in this order, and an id that is not one of the subject's
    /// notices gives an empty page, whoever's it is (as in the SQLite store).
    /// </remarks>
    public IReadOnlyList<StoredNotice> SubjectNotices(string subject, int limit, long before = long.MaxValue)
    {
        if (before == long.MaxValue)
        {
            return Rows(ReadNotice, SubjectNoticesSql, subject, limit);
        }

        var at = MaybeScalar(NoticeAtSql, subject, before);
        return at is null ? [] : Rows(ReadNotice, SubjectNoticesBeforeSql, subject, at.Value, before, limit);
    }

    public long SubjectNoticeCount(string subject) => Scalar(NoticeCountSql, subject);

    public bool InsertDecisionMark(DecisionMark m) =>
        NonQuery(InsertMarkSql, m.DecisionId, m.Subject, m.MarkedAt.UtcTicks, m.Cause, m.RelyingParty, m.CorrectedAllowed,
            m.WrongRecords.IsDefault ? Array.Empty<string>() : m.WrongRecords.ToArray()) == 1;

    public IReadOnlyList<DecisionMark> SubjectDecisionMarks(string subject) => Rows(ReadMark, SubjectMarksSql, subject);

    public DecisionMark? FindDecisionMark(Guid decisionId) => Row(ReadMark, FindMarkSql, decisionId);

    public IReadOnlyList<DecisionMark> RelyingPartyMarks(string relyingParty, DateTimeOffset after, int limit) =>
        Rows(ReadMark, RelyingPartyMarksSql, relyingParty, after.UtcTicks, limit);

    public DateTimeOffset? SchedulerAfter() => MaybeInstant(MaybeScalar(SchedulerAfterSql));

    public void SetSchedulerAfter(DateTimeOffset at) => NonQuery(SetSchedulerAfterSql, at.UtcTicks);

    private static StoredNotice ReadNotice(NpgsqlDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), Instant(r, 2), (NoticeKind)r.GetInt32(3), r.GetString(4), r.GetString(5),
            JsonSerializer.Deserialize(r.GetString(6), StorageJson.Default.ImmutableArrayNoticeReason),
            JsonSerializer.Deserialize(r.GetString(7), StorageJson.Default.ImmutableArrayNextStep),
            r.IsDBNull(8) || r.IsDBNull(9) ? null : new NoticeAbout(r.GetString(8), r.GetString(9)));

    private static DecisionMark ReadMark(NpgsqlDataReader r) =>
        new(r.GetGuid(0), r.GetString(1), Instant(r, 2), r.GetString(3), r.GetString(4), r.GetBoolean(5), [.. Words(r, 6)]);

    private static StoredDispute ReadDispute(NpgsqlDataReader r) =>
        new(r.GetString(0), r.GetString(1), new RecordKey(r.GetString(2), r.GetString(3)), r.GetString(4), MaybeText(r, 5), Instant(r, 6), Instant(r, 7),
            (DisputeState)r.GetInt32(8), r.IsDBNull(9) ? null : (DisputeAnswerKind)r.GetInt32(9), MaybeText(r, 10), MaybeInt(r, 11),
            MaybeInstant(r, 12), r.GetString(13),
            r.IsDBNull(15) ? null : new DisputeEscalation(MaybeText(r, 14) ?? string.Empty, Instant(r, 15), MaybeText(r, 16), r.IsDBNull(17) ? null : (DisputeFinding)r.GetInt32(17), MaybeText(r, 18), MaybeInstant(r, 19)));

    private static RepairApplication ReadRepair(NpgsqlDataReader r)
    {
        var key = new RecordKey(r.GetString(2), r.GetString(3));
        var assessment = new RepairAssessment(
            key,
            MaybeText(r, 6),
            Instant(r, 4),
            r.GetString(5),
            MaybeInstant(r, 7),
            [.. Words(r, 8)],
            MaybeText(r, 9) is { } fulfilled ? Key(fulfilled) : null,
            JsonSerializer.Deserialize(r.GetString(10), StorageJson.Default.ImmutableArrayRefusal));
        return new RepairApplication(r.GetString(0), r.GetString(1), Instant(r, 4), assessment, MaybeInstant(r, 11));
    }

    private static StoredAppeal ReadAppeal(NpgsqlDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), Instant(r, 4), (AppealState)r.GetInt32(5), MaybeText(r, 6), MaybeText(r, 7), MaybeInstant(r, 8));

    /// <summary>A record key written as <c>source/id</c> (source names never hold a slash).</summary>
    private static RecordKey Key(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return new RecordKey(text[..slash], text[(slash + 1)..]);
    }
}
