using System.Collections.Immutable;
using System.Text.Json;
using Credence.Core.DueProcess;
using Credence.Core.Records;
using Credence.Registry.DueProcess;
using Microsoft.Data.Sqlite;

namespace Credence.Registry.Storage.Sqlite;

/// <summary>Disputes, repair applications, appeals, their ledgered case steps, notices, decision marks and the scheduler's checkpoint.</summary>
internal sealed partial class SqliteSession
{
    private const string DisputeColumns =
        "id, subject, source, source_record_id, reason, evidence, opened_at, due_at, state, answer, answer_reason, answer_version, closed_at, policy_tag";

    private const string ReviewColumns = "escalation_reason, escalated_at, reviewer, finding, finding_reason, decided_at";

    private const string DisputeRowColumns = DisputeColumns + ", " + ReviewColumns;

    private const string InsertDisputeSql = "INSERT INTO disputes (" + DisputeColumns + ") VALUES ($a, $b, $c, $d, $e, $f, $g, $h, $i, $j, $k, $l, $m, $n)";

    private const string UpdateDisputeSql =
        "UPDATE disputes SET state = $a, answer = $b, answer_reason = $c, answer_version = $d, closed_at = $e, due_at = $f, "
        + "escalation_reason = $g, escalated_at = $h, reviewer = $i, finding = $j, finding_reason = $k, decided_at = $l WHERE id = $m";

    private const string FindDisputeSql = "SELECT " + DisputeRowColumns + " FROM disputes WHERE id = $a";

    private const string SubjectDisputesSql = "SELECT " + DisputeRowColumns + " FROM disputes WHERE subject = $a ORDER BY opened_at, id";

    // Waiting for the source: open (1) or found wrong by a reviewer (8).
    private const string OpenSourceDisputesSql = "SELECT " + DisputeRowColumns + " FROM disputes WHERE source = $a AND state IN (1, 8) ORDER BY due_at, id LIMIT $b";

    private const string ClosedSourceDisputesSql = "SELECT " + DisputeRowColumns + " FROM disputes WHERE source = $a AND state NOT IN (1, 8) ORDER BY closed_at DESC, id DESC LIMIT $b";

    private const string EscalatedDisputesSql = "SELECT " + DisputeRowColumns + " FROM disputes WHERE state = 6 ORDER BY escalated_at, id LIMIT $a";

    private const string RepairColumns = "id, subject, source, source_record_id, applied_at, policy_tag, type, opens_at, needs_one_of, fulfilled_by, unmet, effective_at";

    private const string InsertRepairSql = "INSERT INTO repairs (" + RepairColumns + ") VALUES ($a, $b, $c, $d, $e, $f, $g, $h, $i, $j, $k, $l)";

    private const string GrantRepairSql = "UPDATE repairs SET effective_at = $a WHERE id = $b AND effective_at IS NULL";

    private const string FindRepairSql = "SELECT " + RepairColumns + " FROM repairs WHERE id = $a";

    private const string SubjectRepairsSql = "SELECT " + RepairColumns + " FROM repairs WHERE subject = $a ORDER BY applied_at, id";

    private const string GrantedRepairsSql = "SELECT source, source_record_id, effective_at FROM repairs WHERE subject = $a AND effective_at IS NOT NULL";

    private const string AppealColumns = "id, repair_id, subject, grounds, filed_at, state, reviewer, reason, decided_at";

    private const string InsertAppealSql = "INSERT INTO appeals (" + AppealColumns + ") VALUES ($a, $b, $c, $d, $e, $f, $g, $h, $i)";

    private const string UpdateAppealSql = "UPDATE appeals SET state = $a, reviewer = $b, reason = $c, decided_at = $d WHERE id = $e";

    private const string FindAppealSql = "SELECT " + AppealColumns + " FROM appeals WHERE id = $a";

    private const string AppealOfRepairSql = "SELECT " + AppealColumns + " FROM appeals WHERE repair_id = $a";

    private const string SubjectAppealsSql = "SELECT " + AppealColumns + " FROM appeals WHERE subject = $a ORDER BY filed_at, id";

    private const string PendingAppealsSql = "SELECT " + AppealColumns + " FROM appeals WHERE state = 1 ORDER BY filed_at, id LIMIT $a";

    private const string CaseStepColumns = "id, at, case_id, case_kind, step, actor_id, actor, subject, record, detail";

    private const string InsertCaseStepSql = "INSERT INTO case_steps (at, case_id, case_kind, step, actor_id, actor, subject, record, detail) VALUES ($a, $b, $c, $d, $e, $f, $g, $h, $i)";

    private const string SubjectCaseStepsSql = "SELECT " + CaseStepColumns + " FROM case_steps WHERE subject = $a ORDER BY id DESC LIMIT $b";

    private const string NoticeColumns = "id, subject, at, kind, policy_tag, title, reasons, next_steps, about_kind, about_id";

    private const string InsertNoticeSql = "INSERT INTO notices (subject, at, kind, policy_tag, title, reasons, next_steps, about_kind, about_id) VALUES ($a, $b, $c, $d, $e, $f, $g, $h, $i) RETURNING id";

    private const string SubjectNoticesSql = "SELECT " + NoticeColumns + " FROM notices WHERE subject = $a ORDER BY at DESC, id DESC LIMIT $b";

    private const string SubjectNoticesBeforeSql = "SELECT " + NoticeColumns + " FROM notices WHERE subject = $a AND (at < $b OR at = $b AND id < $c) ORDER BY at DESC, id DESC LIMIT $d";

    private const string NoticeAtSql = "SELECT at FROM notices WHERE subject = $a AND id = $b";

    private const string NoticeCountSql = "SELECT COUNT(*) FROM notices WHERE subject = $a";

    private const string InsertMarkSql =
        "INSERT INTO decision_marks (decision_id, subject, marked_at, cause, relying_party, corrected, wrong_records) VALUES ($a, $b, $c, $d, $e, $f, $g) ON CONFLICT (decision_id) DO NOTHING";

    private const string FindMarkSql = "SELECT decision_id, subject, marked_at, cause, relying_party, corrected, wrong_records FROM decision_marks WHERE decision_id = $a";

    private const string RelyingPartyMarksSql =
        "SELECT decision_id, subject, marked_at, cause, relying_party, corrected, wrong_records FROM decision_marks WHERE relying_party = $a AND marked_at > $b ORDER BY marked_at, decision_id LIMIT $c";

    private const string SubjectMarksSql = "SELECT decision_id, subject, marked_at, cause, relying_party, corrected, wrong_records FROM decision_marks WHERE subject = $a ORDER BY marked_at, decision_id";

    private const string LastAccessSql = "SELECT MAX(at) FROM access_log WHERE subject = $a AND action = $b AND outcome = 1";

    private const string LatestVersionSql =
        "SELECT version, subject, action, type, area, occurred_at, reported_at, legal_basis, quantity, note FROM records WHERE source = $a AND source_record_id = $b ORDER BY version DESC LIMIT 1";

    private const string NextReviewSql = "SELECT MIN(review_at) FROM subject_state";

    private const string SchedulerAfterSql = "SELECT after FROM scheduler_checkpoint WHERE id = 1";

    private const string SetSchedulerAfterSql = "INSERT INTO scheduler_checkpoint (id, after) VALUES (1, $a) ON CONFLICT (id) DO UPDATE SET after = MAX(after, excluded.after)";

    public void InsertDispute(StoredDispute d)
    {
        stamps?.Changed(d.Subject);
        NonQuery(InsertDisputeSql, d.Id, d.Subject, d.Record.Source, d.Record.SourceRecordId, d.Reason, d.Evidence, d.OpenedAt.UtcTicks, d.DueAt.UtcTicks,
            (long)d.State, d.Answer is { } a ? (long)a : null, d.AnswerReason, d.AnswerVersion, Ticks(d.ClosedAt), d.PolicyTag);
    }

    public void UpdateDispute(StoredDispute d)
    {
        var e = d.Escalation;
        stamps?.Changed(d.Subject);
        NonQuery(UpdateDisputeSql, (long)d.State, d.Answer is { } a ? (long)a : null, d.AnswerReason, d.AnswerVersion, Ticks(d.ClosedAt), d.DueAt.UtcTicks,
            e?.Reason, Ticks(e?.At), e?.Reviewer, e?.Finding is { } f ? (long)f : null, e?.FindingReason, Ticks(e?.DecidedAt), d.Id);
    }

    public StoredDispute? FindDispute(string id) => Row(ReadDispute, FindDisputeSql, id);

    public IReadOnlyList<StoredDispute> SubjectDisputes(string subject)
    {
        // Probed on every re-scoring (intake's hot path): a prepared statement on an index, which
        // for the many subjects without disputes returns at once.
        var s = Raw(SubjectDisputesSql).Bind(1, subject);
        List<StoredDispute>? rows = null;
        try
        {
            while (s.Step())
            {
                (rows ??= []).Add(new StoredDispute(
                    s.Text(0), s.Text(1), new RecordKey(s.Text(2), s.Text(3)), s.Text(4), s.MaybeText(5), s.Instant(6), s.Instant(7),
                    (DisputeState)s.Int32(8), s.IsNull(9) ? null : (DisputeAnswerKind)s.Int32(9), s.MaybeText(10), s.IsNull(11) ? null : s.Int32(11),
                    s.MaybeInstant(12), s.Text(13),
                    s.IsNull(15) ? null : new DisputeEscalation(s.MaybeText(14) ?? string.Empty, s.Instant(15), s.MaybeText(16), s.IsNull(17) ? null : (DisputeFinding)s.Int32(17), s.MaybeText(18), s.MaybeInstant(19))));
            }
        }
        finally
        {
            s.Reset();
        }

        return rows ?? (IReadOnlyList<StoredDispute>)[];
    }

    public IReadOnlyList<StoredDispute> SourceDisputes(string source, bool open, int limit) =>
        Rows(ReadDispute, open ? OpenSourceDisputesSql : ClosedSourceDisputesSql, source, limit);

    public IReadOnlyList<StoredDispute> EscalatedDisputes(int limit) => Rows(ReadDispute, EscalatedDisputesSql, limit);

    public void InsertRepair(RepairApplication r)
    {
        var a = r.Assessment;
        stamps?.Changed(r.Subject);
        NonQuery(InsertRepairSql, r.Id, r.Subject, r.Record.Source, r.Record.SourceRecordId, r.AppliedAt.UtcTicks, a.PolicyVersion, a.Type, Ticks(a.OpensAt),
            Join(a.NeedsOneOf.IsDefault ? [] : a.NeedsOneOf), a.FulfilledBy?.ToString(), JsonSerializer.Serialize(a.Unmet.IsDefault ? [] : a.Unmet, StorageJson.Default.ImmutableArrayRefusal),
            Ticks(r.EffectiveAt));
    }

    public bool GrantRepair(string id, DateTimeOffset at)
    {
        // The repair's subject is not at hand: every file is marked.
        stamps?.ChangedAll();
        return NonQuery(GrantRepairSql, at.UtcTicks, id) == 1;
    }

    public RepairApplication? FindRepair(string id) => Row(ReadRepair, FindRepairSql, id);

    public IReadOnlyList<RepairApplication> SubjectRepairs(string subject) => Rows(ReadRepair, SubjectRepairsSql, subject);

    public IReadOnlyList<RecordRepair> GrantedRepairs(string subject)
    {
        var s = Raw(GrantedRepairsSql).Bind(1, subject);
        List<RecordRepair>? rows = null;
        try
        {
            while (s.Step())
            {
                (rows ??= []).Add(new RecordRepair(new RecordKey(s.Text(0), s.Text(1)), s.Instant(2)));
            }
        }
        finally
        {
            s.Reset();
        }

        return rows ?? (IReadOnlyList<RecordRepair>)[];
    }

    public void InsertAppeal(StoredAppeal a) =>
        NonQuery(InsertAppealSql, a.Id, a.RepairId, a.Subject, a.Grounds, a.FiledAt.UtcTicks, (long)a.State, a.Reviewer, a.Reason, Ticks(a.DecidedAt));

    public void UpdateAppeal(StoredAppeal a) => NonQuery(UpdateAppealSql, (long)a.State, a.Reviewer, a.Reason, Ticks(a.DecidedAt), a.Id);

    public StoredAppeal? FindAppeal(string id) => Row(ReadAppeal, FindAppealSql, id);

    public StoredAppeal? AppealOfRepair(string repairId) => Row(ReadAppeal, AppealOfRepairSql, repairId);

    public IReadOnlyList<StoredAppeal> SubjectAppeals(string subject) => Rows(ReadAppeal, SubjectAppealsSql, subject);

    public IReadOnlyList<StoredAppeal> PendingAppeals(int limit) => Rows(ReadAppeal, PendingAppealsSql, limit);

    public long InsertCaseStep(CaseStep step)
    {
        object?[] values = [step.At.UtcTicks, step.CaseId, step.CaseKind, step.Step, step.ActorId, step.Actor, step.Subject, step.Record, step.Detail];
        Raw(InsertCaseStepSql).BindAll(values).Execute();
        var id = SQLitePCL.raw.sqlite3_last_insert_rowid(Connection.Handle);
        Ledgered(Credence.Registry.Ledger.LedgeredRow.Of(step with { Id = id }));
        return id;
    }

    public IReadOnlyList<CaseStep> SubjectCaseSteps(string subject, int limit) =>
        Rows(ReadCaseStep, SubjectCaseStepsSql, subject, limit);

    private static CaseStep ReadCaseStep(SqliteDataReader r) =>
        new(r.GetInt64(0), Instant(r, 1), r.GetString(2), r.GetString(3), r.GetString(4), r.IsDBNull(5) ? null : r.GetInt64(5), r.GetString(6), r.GetString(7), r.GetString(8), r.GetString(9));

    public long InsertNotice(StoredNotice n) =>
        Scalar(InsertNoticeSql, n.Subject, n.At.UtcTicks, (long)n.Kind, n.PolicyVersion, n.Title,
            JsonSerializer.Serialize(n.Reasons.IsDefault ? [] : n.Reasons, StorageJson.Default.ImmutableArrayNoticeReason),
            JsonSerializer.Serialize(n.NextSteps.IsDefault ? [] : n.NextSteps, StorageJson.Default.ImmutableArrayNextStep),
            n.About?.Kind, n.About?.Id);

    /// <remarks>
    /// Implementation note: newest instant first, ties by id (the order the notices were written); a
    /// page after notice <paramref name="before"/> continues from that notice's place in this order.
    /// An id that is not one of the subject's notices gives an empty page, whoever's it is.
    /// </remarks>
    public IReadOnlyList<StoredNotice> SubjectNotices(string subject, int limit, long before = long.MaxValue)
    {
        if (before == long.MaxValue)
        {
            return Rows(ReadNotice, SubjectNoticesSql, subject, limit);
        }

        var at = Rows(r => r.GetInt64(0), NoticeAtSql, subject, before);
        return at.Count == 0 ? [] : Rows(ReadNotice, SubjectNoticesBeforeSql, subject, at[0], before, limit);
    }

    private static StoredNotice ReadNotice(Microsoft.Data.Sqlite.SqliteDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), Instant(r, 2), (NoticeKind)r.GetInt32(3), r.GetString(4), r.GetString(5),
            JsonSerializer.Deserialize(r.GetString(6), StorageJson.Default.ImmutableArrayNoticeReason),
            JsonSerializer.Deserialize(r.GetString(7), StorageJson.Default.ImmutableArrayNextStep),
            r.IsDBNull(8) || r.IsDBNull(9) ? null : new NoticeAbout(r.GetString(8), r.GetString(9)));

    public long SubjectNoticeCount(string subject) => Scalar(NoticeCountSql, subject);

    public bool InsertDecisionMark(DecisionMark m) =>
        NonQuery(InsertMarkSql, m.DecisionId.ToString("D"), m.Subject, m.MarkedAt.UtcTicks, m.Cause, m.RelyingParty, m.CorrectedAllowed ? 1L : 0L, Join(m.WrongRecords)) == 1;

    public IReadOnlyList<DecisionMark> SubjectDecisionMarks(string subject) => Rows(ReadMark, SubjectMarksSql, subject);

    public DecisionMark? FindDecisionMark(Guid decisionId) => Row(ReadMark, FindMarkSql, decisionId.ToString("D"));

    public IReadOnlyList<DecisionMark> RelyingPartyMarks(string relyingParty, DateTimeOffset after, int limit) =>
        Rows(ReadMark, RelyingPartyMarksSql, relyingParty, after.UtcTicks, limit);

    private static DecisionMark ReadMark(Microsoft.Data.Sqlite.SqliteDataReader r) =>
        new(Guid.Parse(r.GetString(0)), r.GetString(1), Instant(r, 2), r.GetString(3), r.GetString(4), r.GetInt64(5) != 0, [.. Split(r.GetString(6))]);

    public DateTimeOffset? LastAccess(string subject, string action) =>
        Command(LastAccessSql, subject, action).ExecuteScalar() is long ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    public (int Version, StoredVersion Stored)? LatestRecordVersion(RecordKey key)
    {
        using var r = Command(LatestVersionSql, key.Source, key.SourceRecordId).ExecuteReader();
        return r.Read()
            ? (r.GetInt32(0), new StoredVersion(r.GetString(1), (RecordAction)r.GetInt32(2), r.GetString(3), (Area)r.GetInt32(4), Instant(r, 5), Instant(r, 6), MaybeText(r, 7), Quantity(MaybeText(r, 8)), MaybeText(r, 9)))
            : null;
    }

    public DateTimeOffset? NextReviewAt() => Command(NextReviewSql).ExecuteScalar() is long ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    public DateTimeOffset? SchedulerAfter() => Command(SchedulerAfterSql).ExecuteScalar() is long ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    public void SetSchedulerAfter(DateTimeOffset at) => NonQuery(SetSchedulerAfterSql, at.UtcTicks);

    private static StoredDispute ReadDispute(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), new RecordKey(r.GetString(2), r.GetString(3)), r.GetString(4), MaybeText(r, 5), Instant(r, 6), Instant(r, 7),
            (DisputeState)r.GetInt32(8), r.IsDBNull(9) ? null : (DisputeAnswerKind)r.GetInt32(9), MaybeText(r, 10), r.IsDBNull(11) ? null : r.GetInt32(11),
            MaybeInstant(r, 12), r.GetString(13),
            r.IsDBNull(15) ? null : new DisputeEscalation(MaybeText(r, 14) ?? string.Empty, Instant(r, 15), MaybeText(r, 16), r.IsDBNull(17) ? null : (DisputeFinding)r.GetInt32(17), MaybeText(r, 18), MaybeInstant(r, 19)));

    private static RepairApplication ReadRepair(SqliteDataReader r)
    {
        var key = new RecordKey(r.GetString(2), r.GetString(3));
        var assessment = new RepairAssessment(
            key,
            MaybeText(r, 6),
            Instant(r, 4),
            r.GetString(5),
            MaybeInstant(r, 7),
            [.. Split(r.GetString(8))],
            MaybeText(r, 9) is { } fulfilled ? Key(fulfilled) : null,
            JsonSerializer.Deserialize(r.GetString(10), StorageJson.Default.ImmutableArrayRefusal));
        return new RepairApplication(r.GetString(0), r.GetString(1), Instant(r, 4), assessment, MaybeInstant(r, 11));
    }

    private static StoredAppeal ReadAppeal(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), Instant(r, 4), (AppealState)r.GetInt32(5), MaybeText(r, 6), MaybeText(r, 7), MaybeInstant(r, 8));

    /// <summary>A record key written as <c>source/id</c> (source names never hold a slash).</summary>
    private static RecordKey Key(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return new RecordKey(text[..slash], text[(slash + 1)..]);
    }
}
