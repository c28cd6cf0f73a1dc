using System.Collections.Immutable;
using System.Text.Json;
using Credence.Registry.Access;
using Credence.Registry.Decisions;
using Microsoft.Data.Sqlite;

namespace Credence.Registry.Storage.Sqlite;

/// <summary>Decisions and the access log.</summary>
internal sealed partial class SqliteSession
{
    private const string DecisionColumns = "id, subject, principal_id, relying_party, purpose, measure, capability, allowed, reasons, measures, policy_tag, decided_at";

    private const string InsertDecisionSql = "INSERT INTO decisions (" + DecisionColumns + ") VALUES ($a, $b, $c, $d, $e, $f, $g, $h, $i, $j, $k, $l)";

    private const string SubjectDecisionsSql = "SELECT " + DecisionColumns + " FROM decisions WHERE subject = $a ORDER BY decided_at DESC, id DESC LIMIT $b";

    private const string FindDecisionSql = "SELECT " + DecisionColumns + " FROM decisions WHERE id = $a";

    private const string AccessColumns = "id, at, principal_id, principal, role, action, subject, purpose, outcome, detail";

    private const string AppendAccessSql = "INSERT INTO access_log (at, principal_id, principal, role, action, subject, purpose, outcome, detail) VALUES ($a, $b, $c, $d, $e, $f, $g, $h, $i)";

    private const string SubjectAccessSql = "SELECT " + AccessColumns + " FROM access_log WHERE subject = $a ORDER BY at DESC, id DESC LIMIT $b";

    private const string AccessLogSql = "SELECT " + AccessColumns + " FROM access_log WHERE id > $a ORDER BY id LIMIT $b";

    public void InsertDecision(Decision decision)
    {
        var id = decision.Id.ToString("D");
        object?[] values =
        [
            id, decision.Subject, decision.PrincipalId, decision.RelyingParty, decision.Purpose, decision.Measure, decision.Capability, decision.Allowed ? 1L : 0L,
            StoredDecisionBody.Write(decision),
            Join(decision.Measures), decision.PolicyVersion, decision.DecidedAt.UtcTicks,
        ];
        Raw(InsertDecisionSql).BindAll(values).Execute();
        Ledgered(Credence.Registry.Ledger.LedgeredRow.Of(decision));
    }

    public IReadOnlyList<Decision> SubjectDecisions(string subject, int limit) => Rows(ReadDecision, SubjectDecisionsSql, subject, limit);

    public Decision? FindDecision(Guid id) => Row(ReadDecision, FindDecisionSql, id.ToString("D"));

    public long AppendAccess(AccessEvent accessEvent)
    {
        object?[] values =
        [
            accessEvent.At.UtcTicks, accessEvent.PrincipalId, accessEvent.Principal, accessEvent.Role, accessEvent.Action,
            accessEvent.Subject, accessEvent.Purpose, (long)accessEvent.Outcome, accessEvent.Detail,
        ];
        Raw(AppendAccessSql).BindAll(values).Execute();
        var id = SQLitePCL.raw.sqlite3_last_insert_rowid(Connection.Handle);
        Ledgered(Credence.Registry.Ledger.LedgeredRow.Of(accessEvent with { Id = id }));
        return id;
    }

    public IReadOnlyList<AccessEvent> SubjectAccess(string subject, int limit) => Rows(ReadAccess, SubjectAccessSql, subject, limit);

    public IReadOnlyList<AccessEvent> AccessLog(long afterId, int limit) => Rows(ReadAccess, AccessLogSql, afterId, limit);

    private static Decision ReadDecision(SqliteDataReader r)
    {
        var body = StoredDecisionBody.Read(r.GetInt64(7) != 0, r.GetString(8));
        return new Decision(
            Guid.Parse(r.GetString(0)),
            r.GetString(1),
            r.GetInt64(2),
            r.GetString(3),
            MaybeText(r, 4),
            r.GetString(5),
            r.GetString(6),
            body.Answer,
            body.Reasons,
            [.. Split(r.GetString(9))],
            r.GetString(10),
            Instant(r, 11),
            body.Forward);
    }

    private static AccessEvent ReadAccess(SqliteDataReader r) =>
        new(r.GetInt64(0), Instant(r, 1), r.IsDBNull(2) ? null : r.GetInt64(2), r.GetString(3), MaybeText(r, 4), r.GetString(5),
            MaybeText(r, 6), MaybeText(r, 7), (AccessOutcome)r.GetInt32(8), MaybeText(r, 9));
}
