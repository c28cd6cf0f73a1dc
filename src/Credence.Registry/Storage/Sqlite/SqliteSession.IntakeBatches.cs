using Credence.Registry.Intake;
using Microsoft.Data.Sqlite;

namespace Credence.Registry.Storage.Sqlite;

/// <summary>Sources' intake history (batches and their rejected lines) and the operator's series over time.</summary>
internal sealed partial class SqliteSession
{
    private const long Day = TimeSpan.TicksPerDay;

    private const string BatchColumns = "id, source, at, last_at, lines, accepted, duplicates, rejected";

    private const string RecordBatchSql =
        "INSERT INTO intake_batches (" + BatchColumns + ") VALUES ($a, $b, $c, $c, $d, $e, $f, $g) " +
        "ON CONFLICT (id) DO UPDATE SET last_at = excluded.last_at, lines = lines + excluded.lines, accepted = accepted + excluded.accepted, " +
        "duplicates = duplicates + excluded.duplicates, rejected = rejected + excluded.rejected";

    private const string InsertRejectionSql =
        "INSERT INTO intake_rejections (batch_id, line, record, version, type, field, message) VALUES ($a, $b, $c, $d, $e, $f, $g)";

    private const string SourceBatchesSql = "SELECT " + BatchColumns + " FROM intake_batches WHERE source = $a ORDER BY at DESC, id DESC LIMIT $b OFFSET $c";

    private const string SourceBatchCountSql = "SELECT COUNT(*) FROM intake_batches WHERE source = $a";

    private const string FindBatchSql = "SELECT " + BatchColumns + " FROM intake_batches WHERE id = $a";

    private const string RejectionsSql =
        "SELECT seq, line, record, version, type, field, message FROM intake_rejections WHERE batch_id = $a AND seq > $b ORDER BY seq LIMIT $c";

    private const string IntakeByDaySql =
        "SELECT source, at / 864000000000, SUM(accepted), SUM(duplicates), SUM(rejected) FROM intake_batches WHERE at >= $a AND at < $b GROUP BY 1, 2 ORDER BY 1, 2";

    private const string LastIntakeSql = "SELECT MAX(at) FROM intake_batches";

    private const string DecisionsByDaySql =
        "SELECT decided_at / 864000000000, measure, allowed, COUNT(*) FROM decisions WHERE decided_at >= $a AND decided_at < $b GROUP BY 1, 2, 3 ORDER BY 1, 2, 3";

    // A listing counts on day k when it is in force at the day's end T(k) = (k + 1) days: since <= T(k) < its end
    // (the earlier of ended_at and until). The first such day is ceil(since / day) - 1, the first day after is
    // ceil(end / day) - 1; both are clamped to the days asked for ($a first, $b one past the last).
    private const string ListSpansSql =
        "SELECT policy_tag, list, MAX(sk, $a), MIN(ek, $b), COUNT(*) FROM (" +
        "SELECT policy_tag, list, (COALESCE(since, 0) + 863999999999) / 864000000000 - 1 AS sk, " +
        "(MIN(COALESCE(ended_at, 3155378975999999999), COALESCE(until, 3155378975999999999)) + 863999999999) / 864000000000 - 1 AS ek " +
        "FROM listings WHERE COALESCE(since, 0) <= $c AND (ended_at IS NULL OR ended_at > $d) AND (until IS NULL OR until > $d)) " +
        "WHERE MAX(sk, $a) < MIN(ek, $b) GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4";

    public void RecordIntakeBatch(IntakeBatchPart part)
    {
        ArgumentNullException.ThrowIfNull(part);
        NonQuery(RecordBatchSql, part.BatchId, part.Source, Now.UtcTicks, (long)part.Lines, (long)part.Accepted, (long)part.Duplicates, (long)part.Rejected);
        foreach (var r in part.RejectedLines)
        {
            NonQuery(InsertRejectionSql, part.BatchId, (long)r.Line, r.Record, r.Version is { } v ? (long)v : null, r.Type, r.Field, r.Message);
        }
    }

    public IReadOnlyList<IntakeBatch> SourceBatches(string source, int offset, int limit) => Rows(ReadBatch, SourceBatchesSql, source, (long)limit, (long)offset);

    public long SourceBatchCount(string source) => Scalar(SourceBatchCountSql, source);

    public IntakeBatch? FindIntakeBatch(string id) => Row(ReadBatch, FindBatchSql, id);

    public IReadOnlyList<RejectedLine> BatchRejections(string batchId, long afterSeq, int limit) =>
        Rows(r => new RejectedLine(r.GetInt64(0), r.GetInt32(1), MaybeText(r, 2), r.IsDBNull(3) ? null : r.GetInt32(3), r.GetString(4), r.GetString(5), r.GetString(6)), RejectionsSql, batchId, afterSeq, (long)limit);

    public IReadOnlyList<IntakeDay> IntakeByDay(DateTimeOffset from, DateTimeOffset to) =>
        Rows(r => new IntakeDay(r.GetString(0), DateOnly.FromDayNumber((int)r.GetInt64(1)), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4)), IntakeByDaySql, from.UtcTicks, to.UtcTicks);

    public DateTimeOffset? LastIntakeAt() => Command(LastIntakeSql).ExecuteScalar() is long ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    public IReadOnlyList<DecisionDay> DecisionsByDay(DateTimeOffset from, DateTimeOffset to) =>
        Rows(r => new DecisionDay(DateOnly.FromDayNumber((int)r.GetInt64(0)), r.GetString(1), r.GetInt64(2) != 0, r.GetInt64(3)), DecisionsByDaySql, from.UtcTicks, to.UtcTicks);

    public IReadOnlyList<ListSpan> ListSpans(DateOnly first, DateOnly last)
    {
        long f = first.DayNumber, end = last.DayNumber + 1L;
        return Rows(r => new ListSpan(r.GetString(0), r.GetString(1), DateOnly.FromDayNumber((int)r.GetInt64(2)), DateOnly.FromDayNumber((int)r.GetInt64(3)), r.GetInt64(4)),
            ListSpansSql, f, end, end * Day, (f + 1) * Day);
    }

    private static IntakeBatch ReadBatch(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), Instant(r, 2), Instant(r, 3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6), r.GetInt64(7));
}
