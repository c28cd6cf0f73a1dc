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

    private const string NoReasons = "[]";

    public void InsertDecision(Decision decision)
    {
        Raw(InsertDecisionSql)
            .Bind(1, decision.Id.ToString("D")).Bind(2, decision.Subject).Bind(3, decision.PrincipalId).Bind(4, decision.RelyingParty).Bind(5, decision.Purpose)
            .Bind(6, decision.Measure).Bind(7, decision.Capability).Bind(8, decision.Allowed ? 1 : 0)
            .Bind(9, decision.Reasons.IsDefaultOrEmpty ? NoReasons : JsonSerializer.Serialize(decision.Reasons, StorageJson.Default.ImmutableArrayDecisionReason))
            .Bind(10, Join(decision.Measures)).Bind(11, decision.PolicyVersion).Bind(12, decision.DecidedAt.UtcTicks)
            .Execute();
        Ledgered(Credence.Registry.Ledger.EntryKind.Decision, decision.Id.ToString("D"));
    }

    public IReadOnlyList<Decision> SubjectDecisions(string subject, int limit) => Rows(ReadDecision, SubjectDecisionsSql, subject, limit);

    public Decision? FindDecision(Guid id) => Row(ReadDecision, FindDecisionSql, id.ToString("D"));

    public long AppendAccess(AccessEvent accessEvent)
    {
        Raw(AppendAccessSql)
            .Bind(1, accessEvent.At.UtcTicks).Bind(2, accessEvent.PrincipalId).Bind(3, accessEvent.Principal).Bind(4, accessEvent.Role).Bind(5, accessEvent.Action)
            .Bind(6, accessEvent.Subject).Bind(7, accessEvent.Purpose).Bind(8, (int)accessEvent.Outcome).Bind(9, accessEvent.Detail)
            .Execute();
        var id = SQLitePCL.raw.sqlite3_last_insert_rowid(Connection.Handle);
        Ledgered(Credence.Registry.Ledger.EntryKind.AccessEvent, id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return id;
    }

    public IReadOnlyList<AccessEvent> SubjectAccess(string subject, int limit) => Rows(ReadAccess, SubjectAccessSql, subject, limit);

    public IReadOnlyList<AccessEvent> AccessLog(long afterId, int limit) => Rows(ReadAccess, AccessLogSql, afterId, limit);

    private static Decision ReadDecision(SqliteDataReader r)
    {
        var reasons = r.GetString(8);
        return new Decision(
            Guid.Parse(r.GetString(0)),
            r.GetString(1),
            r.GetInt64(2),
            r.GetString(3),
            MaybeText(r, 4),
            r.GetString(5),
            r.GetString(6),
            r.GetInt64(7) != 0,
            reasons == NoReasons ? [] : JsonSerializer.Deserialize(reasons, StorageJson.Default.ImmutableArrayDecisionReason),
            [.. Split(r.GetString(9))],
            r.GetString(10),
            Instant(r, 11));
    }

    private static AccessEvent ReadAccess(SqliteDataReader r) =>
        new(r.GetInt64(0), Instant(r, 1), r.IsDBNull(2) ? null : r.GetInt64(2), r.GetString(3), MaybeText(r, 4), r.GetString(5),
            MaybeText(r, 6), MaybeText(r, 7), (AccessOutcome)r.GetInt32(8), MaybeText(r, 9));
}
