using Credence.Registry.Access;
using Credence.Registry.Decisions;
using Npgsql;

namespace Credence.Registry.Storage.Postgres;

/// <summary>Decisions and the access log.</summary>
internal sealed partial class PostgresSession
{
    private const string DecisionColumns = "id, subject, principal_id, relying_party, purpose, measure, capability, allowed, reasons, measures, policy_tag, decided_at";

    private const string InsertDecisionSql = "INSERT INTO decisions (" + DecisionColumns + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";

    private const string SubjectDecisionsSql = "SELECT " + DecisionColumns + " FROM decisions WHERE subject = $1 ORDER BY decided_at DESC, id DESC LIMIT $2";

    private const string FindDecisionSql = "SELECT " + DecisionColumns + " FROM decisions WHERE id = $1";

    private const string AccessColumns = "id, at, principal_id, principal, role, action, subject, purpose, outcome, detail";

    private const string AppendAccessSql =
        "INSERT INTO access_log (at, principal_id, principal, role, action, subject, purpose, outcome, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id";

    private const string SubjectAccessSql = "SELECT " + AccessColumns + " FROM access_log WHERE subject = $1 ORDER BY at DESC, id DESC LIMIT $2";

    private const string AccessLogSql = "SELECT " + AccessColumns + " FROM access_log WHERE id > $1 ORDER BY id LIMIT $2";

    private const string LastAccessSql = "SELECT MAX(at) FROM access_log WHERE subject = $1 AND action = $2 AND outcome = 1";

    /// <summary>Decisions inserted in this transaction and not yet sent to the server (see <see cref="InsertDecision"/>).</summary>
    private readonly List<Decision> pendingDecisions = [];

    /// <remarks>
    /// Implementation note: the row is sent with the transaction's other deferred rows just before the
    /// commit (<see cref="FlushDecisions"/>), all of a group's decisions in one batch: one round trip a
    /// group instead of one a decision, which the single writer (and every unit queued behind it) used
    /// to wait on. Its ledger entry is appended now, as before, so its index is known to the unit. Any
    /// statement of the writer that reads or writes a table about decisions sends the deferred rows
    /// first (<see cref="NeedsDecisions"/>), so a later unit of the same transaction sees them; a row
    /// the server refuses fails the commit, and the writer then runs each unit alone, so the refusal
    /// still fails only the unit that inserted it.
    /// </remarks>
    public void InsertDecision(Decision decision)
    {
        pendingDecisions.Add(decision);
        DecisionInserted(decision);
    }

    /// <summary>Sends the decisions <see cref="InsertDecision"/> kept, in one batch, in the order they were inserted.</summary>
    private void FlushDecisions()
    {
        if (pendingDecisions.Count == 0)
        {
            return;
        }

        using var batch = new NpgsqlBatch(Connection, Transaction);
        foreach (var decision in pendingDecisions)
        {
            var command = new NpgsqlBatchCommand(InsertDecisionSql);
            foreach (var value in new object?[]
            {
                decision.Id, decision.Subject, decision.PrincipalId, decision.RelyingParty, Text(decision.Purpose), decision.Measure, decision.Capability,
                decision.Allowed, StoredDecisionBody.Write(decision), decision.Measures.IsDefault ? Array.Empty<string>() : decision.Measures.ToArray(), decision.PolicyVersion,
                decision.DecidedAt.UtcTicks,
            })
            {
                command.Parameters.Add(Parameter(value));
            }

            batch.BatchCommands.Add(command);
        }

        // Cleared first: a failed batch fails the transaction, which is rolled back and run again unit by unit.
        pendingDecisions.Clear();
        batch.ExecuteNonQuery();
    }

    /// <summary>Whether <paramref name="sql"/> touches decisions or their marks while some are still to be sent.</summary>
    private bool NeedsDecisions(string sql) => pendingDecisions.Count > 0 && sql.Contains("decision", StringComparison.Ordinal);

    public IReadOnlyList<Decision> SubjectDecisions(string subject, int limit) => Rows(ReadDecision, SubjectDecisionsSql, subject, limit);

    public Decision? FindDecision(Guid id) => Row(ReadDecision, FindDecisionSql, id);

    public long AppendAccess(AccessEvent accessEvent)
    {
        var id = Scalar(AppendAccessSql, accessEvent.At.UtcTicks, accessEvent.PrincipalId is { } p ? p : Null.BigInt, accessEvent.Principal, Text(accessEvent.Role),
            accessEvent.Action, Text(accessEvent.Subject), Text(accessEvent.Purpose), (int)accessEvent.Outcome, Text(accessEvent.Detail));
        AccessAppended(accessEvent with { Id = id });
        return id;
    }

    public IReadOnlyList<AccessEvent> SubjectAccess(string subject, int limit) => Rows(ReadAccess, SubjectAccessSql, subject, limit);

    public IReadOnlyList<AccessEvent> AccessLog(long afterId, int limit) => Rows(ReadAccess, AccessLogSql, afterId, limit);

    public DateTimeOffset? LastAccess(string subject, string action) => MaybeInstant(MaybeScalar(LastAccessSql, subject, action));

    private static Decision ReadDecision(NpgsqlDataReader r)
    {
        var body = StoredDecisionBody.Read(r.GetBoolean(7), r.GetString(8));
        return new Decision(
            r.GetGuid(0),
            r.GetString(1),
            r.GetInt64(2),
            r.GetString(3),
            MaybeText(r, 4),
            r.GetString(5),
            r.GetString(6),
            body.Answer,
            body.Reasons,
            [.. Words(r, 9)],
            r.GetString(10),
            Instant(r, 11),
            body.Forward);
    }

    private static AccessEvent ReadAccess(NpgsqlDataReader r) =>
        new(r.GetInt64(0), Instant(r, 1), r.IsDBNull(2) ? null : r.GetInt64(2), r.GetString(3), MaybeText(r, 4), r.GetString(5),
            MaybeText(r, 6), MaybeText(r, 7), (AccessOutcome)r.GetInt32(8), MaybeText(r, 9));
}
