using Credence.Registry.Intake;
using Npgsql;

namespace Credence.Registry.Storage.Postgres;

/// <summary>Sources' intake history (batches and their rejected lines) and the operator's series over time.</summary>
internal sealed partial class PostgresSession
{
    private const long Day = TimeSpan.TicksPerDay;

    private const string BatchColumns = "id, source, at, last_at, lines, accepted, duplicates, rejected";

    private const string RecordBatchSql =
        "INSERT INTO intake_batches (" + BatchColumns + ") VALUES ($1, $2, $3, $3, $4, $5, $6, $7) " +
        "ON CONFLICT (id) DO UPDATE SET last_at = excluded.last_at, lines = intake_batches.lines + excluded.lines, accepted = intake_batches.accepted + excluded.accepted, " +
        "duplicates = intake_batches.duplicates + excluded.duplicates, rejected = intake_batches.rejected + excluded.rejected";

    private const string InsertRejectionSql =
        "INSERT INTO intake_rejections (batch_id, line, record, version, type, field, message) VALUES ($1, $2, $3, $4, $5, $6, $7)";

    private const string SourceBatchesSql = "SELECT " + BatchColumns + " FROM intake_batches WHERE source = $1 ORDER BY at DESC, id DESC LIMIT $2 OFFSET $3";

    private const string SourceBatchCountSql = "SELECT COUNT(*) FROM intake_batches WHERE source = $1";

    private const string FindBatchSql = "SELECT " + BatchColumns + " FROM intake_batches WHERE id = $1";

    private const string RejectionsSql =
        "SELECT seq, line, record, version, type, field, message FROM intake_rejections WHERE batch_id = $1 AND seq > $2 ORDER BY seq LIMIT $3";

    private const string IntakeByDaySql =
        "SELECT source, at / 864000000000, SUM(accepted)::bigint, SUM(duplicates)::bigint, SUM(rejected)::bigint FROM intake_batches " +
        "WHERE at >= $1 AND at < $2 GROUP BY 1, 2 ORDER BY 1, 2";

    private const string LastIntakeSql = "SELECT MAX(at) FROM intake_batches";

    private const string DecisionsByDaySql =
        "SELECT decided_at / 864000000000, measure, allowed, COUNT(*) FROM decisions WHERE decided_at >= $1 AND decided_at < $2 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3";

    // The same spans as the SQLite store's (see SqliteSession.IntakeBatches.cs): a listing counts on day k when
    // since <= T(k) < its end, T(k) = (k + 1) days; its days are clamped to those asked for ($1 first, $2 one past the last).
    private const string ListSpansSql =
        "SELECT policy_tag, list, GREATEST(sk, $1), LEAST(ek, $2), COUNT(*) FROM (" +
        "SELECT policy_tag, list, (COALESCE(since, 0) + 863999999999) / 864000000000 - 1 AS sk, " +
        "(LEAST(COALESCE(ended_at, 3155378975999999999), COALESCE(until, 3155378975999999999)) + 863999999999) / 864000000000 - 1 AS ek " +
        "FROM listings WHERE COALESCE(since, 0) <= $3 AND (ended_at IS NULL OR ended_at > $4) AND (until IS NULL OR until > $4)) spans " +
        "WHERE GREATEST(sk, $1) < LEAST(ek, $2) GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4";

    public void RecordIntakeBatch(IntakeBatchPart part)
    {
        ArgumentNullException.ThrowIfNull(part);
        NonQuery(RecordBatchSql, part.BatchId, part.Source, Now.UtcTicks, (long)part.Lines, (long)part.Accepted, (long)part.Duplicates, (long)part.Rejected);
        if (part.RejectedLines.Count == 0)
        {
            return;
        }

        // One round trip for the rejected lines of the part, however many.
        using var batch = new NpgsqlBatch(Connection, Transaction);
        foreach (var r in part.RejectedLines)
        {
            var command = new NpgsqlBatchCommand(InsertRejectionSql);
            foreach (var value in new object?[] { part.BatchId, r.Line, Text(r.Record), Int(r.Version), r.Type, r.Field, r.Message })
            {
                command.Parameters.Add(Parameter(value));
            }

            batch.BatchCommands.Add(command);
        }

        batch.ExecuteNonQuery();
    }

    public IReadOnlyList<IntakeBatch> SourceBatches(string source, int offset, int limit) => Rows(ReadBatch, SourceBatchesSql, source, (long)limit, (long)offset);

    public long SourceBatchCount(string source) => Scalar(SourceBatchCountSql, source);

    public IntakeBatch? FindIntakeBatch(string id) => Row(ReadBatch, FindBatchSql, id);

    public IReadOnlyList<RejectedLine> BatchRejections(string batchId, long afterSeq, int limit) =>
        Rows(r => new RejectedLine(r.GetInt64(0), r.GetInt32(1), MaybeText(r, 2), MaybeInt(r, 3), r.GetString(4), r.GetString(5), r.GetString(6)), RejectionsSql, batchId, afterSeq, (long)limit);

    public IReadOnlyList<IntakeDay> IntakeByDay(DateTimeOffset from, DateTimeOffset to) =>
        Rows(r => new IntakeDay(r.GetString(0), DateOnly.FromDayNumber((int)r.GetInt64(1)), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4)), IntakeByDaySql, from.UtcTicks, to.UtcTicks);

    public DateTimeOffset? LastIntakeAt() => MaybeInstant(MaybeScalar(LastIntakeSql));

    public IReadOnlyList<DecisionDay> DecisionsByDay(DateTimeOffset from, DateTimeOffset to) =>
        Rows(r => new DecisionDay(DateOnly.FromDayNumber((int)r.GetInt64(0)), r.GetString(1), r.GetBoolean(2), r.GetInt64(3)), DecisionsByDaySql, from.UtcTicks, to.UtcTicks);

    public IReadOnlyList<ListSpan> ListSpans(DateOnly first, DateOnly last)
    {
        long f = first.DayNumber, end = last.DayNumber + 1L;
        return Rows(r => new ListSpan(r.GetString(0), r.GetString(1), DateOnly.FromDayNumber((int)r.GetInt64(2)), DateOnly.FromDayNumber((int)r.GetInt64(3)), r.GetInt64(4)),
            ListSpansSql, f, end, end * Day, (f + 1) * Day);
    }

    private static IntakeBatch ReadBatch(NpgsqlDataReader r) =>
        new(r.GetString(0), r.GetString(1), Instant(r, 2), Instant(r, 3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6), r.GetInt64(7));
}
