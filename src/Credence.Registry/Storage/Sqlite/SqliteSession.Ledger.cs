using System.Globalization;
using System.Text.Json;
using Credence.Core.Records;
using Credence.Registry.Ledger;
using Microsoft.Data.Sqlite;

namespace Credence.Registry.Storage.Sqlite;

/// <summary>
/// The ledger's tables (entries, post-order nodes, the commitment salt, checkpoints) as
/// <see cref="ILedgerTables"/>, and the hook that appends each covered row's entry through the shared
/// <see cref="LedgerAppender"/> in the same transaction.
/// </summary>
internal sealed partial class SqliteSession : ILedgerTables
{
    /// <summary>Most rows one insert statement stores (entries or nodes).</summary>
    private const int RowsPerInsert = 16;

    /// <summary>The entry inserts of 1 to <see cref="RowsPerInsert"/> rows (index: rows - 1), made once so each is prepared once.</summary>
    private static readonly string[] InsertEntriesSql = MultiRowInsert("INSERT INTO ledger_entries (idx, kind, row_key, bytes, leaf_hash, subject) VALUES ", 6);

    /// <summary>The node inserts of 1 to <see cref="RowsPerInsert"/> rows.</summary>
    private static readonly string[] InsertNodesSql = MultiRowInsert("INSERT INTO ledger_nodes (pos, hash) VALUES ", 2);

    private const string EntryColumns = "idx, kind, row_key, bytes, leaf_hash, subject";

    private const string NodeSql = "SELECT hash FROM ledger_nodes WHERE pos = $a";

    private const string NodeCountSql = "SELECT COALESCE(MAX(pos) + 1, 0) FROM ledger_nodes";

    private const string EntryCountSql = "SELECT COALESCE(MAX(idx) + 1, 0) FROM ledger_entries";

    private const string EntrySql = "SELECT " + EntryColumns + " FROM ledger_entries WHERE idx = $a";

    private const string SubjectEntriesSql = "SELECT " + EntryColumns + " FROM ledger_entries WHERE subject = $a AND idx < $b ORDER BY idx DESC LIMIT $c";

    private const string EntryOfRowSql = "SELECT idx FROM ledger_entries WHERE kind = $a AND row_key = $b";

    private const string SaltSql = "SELECT salt FROM ledger_salt WHERE id = 1";

    private const string InsertCheckpointSql = "INSERT INTO checkpoints (size, root, note, signed_at) VALUES ($a, $b, $c, $d) RETURNING id";

    private const string CheckpointsSql = "SELECT id, size, root, note, signed_at FROM checkpoints WHERE id > $a ORDER BY id LIMIT $b";

    private const string NewestCheckpointSql = "SELECT id, size, root, note, signed_at FROM checkpoints ORDER BY id DESC LIMIT 1";

    private const string AccessEventSql = "SELECT " + AccessColumns + " FROM access_log WHERE id = $a";

    private const string CaseStepSql = "SELECT " + CaseStepColumns + " FROM case_steps WHERE id = $a";

    private const string TableExistsSql = "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name = $a";

    /// <summary>The writer's ledger (null on read connections).</summary>
    public LedgerAppender? Appender { get; set; }

    /// <inheritdoc />
    public long LastLedgerIndex => Appender?.LastIndex ?? -1;

    ILedgerReader IRegistryReader.Ledger => this;

    ILedgerWriter IRegistryWriter.Ledger => this;

    /// <summary>Hook for each row insert the ledger covers: appends the row's entry in the same transaction.</summary>
    private void Ledgered(LedgeredRow row)
    {
        if (row.FileSubject is { } subject)
        {
            stamps?.Changed(subject);
        }

        Appender?.Append(this, row);
    }

    byte[] ILedgerReader.Salt() => Row(r => (byte[])r.GetValue(0), SaltSql) ?? throw new InvalidDataException("the ledger salt is missing");

    long ILedgerReader.Size() => Scalar(EntryCountSql);

    long ILedgerReader.NodeCount() => Scalar(NodeCountSql);

    byte[]? ILedgerReader.Node(long position)
    {
        var s = Raw(NodeSql).Bind(1, position);
        try
        {
            return s.Step() ? s.Blob(0) : null;
        }
        finally
        {
            s.Reset();
        }
    }

    StoredLedgerEntry? ILedgerReader.Entry(long index) => Row(ReadEntry, EntrySql, index);

    long? ILedgerReader.IndexOf(EntryKind kind, string rowKey) =>
        Command(EntryOfRowSql, (long)kind, rowKey).ExecuteScalar() is long index ? index : null;

    IReadOnlyList<StoredLedgerEntry> ILedgerReader.SubjectEntries(byte[] commitment, long beforeIndex, int limit) =>
        Rows(ReadEntry, SubjectEntriesSql, commitment, beforeIndex, limit);

    StoredCheckpoint? ILedgerReader.NewestCheckpoint() => Row(ReadCheckpoint, NewestCheckpointSql);

    IReadOnlyList<StoredCheckpoint> ILedgerReader.Checkpoints(long afterId, int limit) => Rows(ReadCheckpoint, CheckpointsSql, afterId, limit);

    long ILedgerWriter.InsertCheckpoint(long size, byte[] root, string note, DateTimeOffset signedAt) => Scalar(InsertCheckpointSql, size, root, note, signedAt.UtcTicks);

    /// <remarks>Implementation note: a run of entries goes in with one statement per 16 rows (a prepared multi-row insert), saving a step, a reset and its bookkeeping for each.</remarks>
    void ILedgerTables.InsertEntries(IReadOnlyList<StoredLedgerEntry> entries)
    {
        for (var first = 0; first < entries.Count; first += RowsPerInsert)
        {
            var rows = Math.Min(entries.Count - first, RowsPerInsert);
            var s = Raw(InsertEntriesSql[rows - 1]);
            for (var i = 0; i < rows; i++)
            {
                var e = entries[first + i];
                var p = 6 * i;
                s.Bind(p + 1, e.Index).Bind(p + 2, (long)e.Kind).Bind(p + 3, e.RowKey).Bind(p + 4, e.Bytes.AsSpan()).Bind(p + 5, e.LeafHash.AsSpan());
                if (e.Subject.Length == 0)
                {
                    s.BindNull(p + 6);
                }
                else
                {
                    s.Bind(p + 6, e.Subject.AsSpan());
                }
            }

            s.Execute();
        }
    }

    void ILedgerTables.InsertNodes(long position, ReadOnlySpan<byte> hashes)
    {
        const int Size = 32;
        while (!hashes.IsEmpty)
        {
            var rows = Math.Min(hashes.Length / Size, RowsPerInsert);
            var s = Raw(InsertNodesSql[rows - 1]);
            for (var i = 0; i < rows; i++)
            {
                s.Bind((2 * i) + 1, position + i).Bind((2 * i) + 2, hashes.Slice(i * Size, Size));
            }

            s.Execute();
            position += rows;
            hashes = hashes[(rows * Size)..];
        }
    }

    /// <remarks>
    /// Implementation note: each row is read back through the same queries the use cases read it with
    /// (a record version by its key, a decision by its id), so what the audit compares is what the
    /// registry serves. A row that is there but does not read as its domain object (a damaged value)
    /// is <see cref="InvalidDataException"/>, which the audit reports against its entry.
    /// </remarks>
    LedgeredRow? ILedgerReader.CoveredRow(EntryKind kind, string rowKey)
    {
        try
        {
            switch (kind)
            {
                case EntryKind.RecordVersion:
                    return LedgeredRow.TryParseRecordRowKey(rowKey, out var key, out var version) && FindRecordVersion(key, version) is { } stored
                        ? LedgeredRow.Of(key, version, stored)
                        : null;
                case EntryKind.Decision:
                    return Guid.TryParseExact(rowKey, "D", out var id) && FindDecision(id) is { } decision ? LedgeredRow.Of(decision) : null;
                case EntryKind.AccessEvent:
                    return Id(rowKey) is { } eventId && Row(ReadAccess, AccessEventSql, eventId) is { } accessEvent ? LedgeredRow.Of(accessEvent) : null;
                case EntryKind.CaseStep:
                    return Id(rowKey) is { } stepId && TableExists("case_steps") && Row(ReadCaseStep, CaseStepSql, stepId) is { } step ? LedgeredRow.Of(step) : null;
                default:
                    return null;
            }
        }
        catch (Exception ex) when (ex is InvalidCastException or FormatException or JsonException or OverflowException or ArgumentException)
        {
            throw new InvalidDataException($"the row does not read back ({ex.Message})", ex);
        }
    }

    IReadOnlyList<string> ILedgerReader.RowsWithoutEntry(EntryKind kind)
    {
        var (table, key) = kind switch
        {
            EntryKind.RecordVersion => ("records", "source || '/' || source_record_id || '/' || version"),
            EntryKind.Decision => ("decisions", "id"),
            EntryKind.AccessEvent => ("access_log", "CAST(id AS TEXT)"),
            EntryKind.CaseStep => ("case_steps", "CAST(id AS TEXT)"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        if (!TableExists(table))
        {
            // A database from before the table's migration: it has no such rows to cover.
            return [];
        }

        var keys = Rows(r => r.GetString(0),
            $"SELECT k FROM (SELECT {key} AS k FROM {table}) WHERE k NOT IN (SELECT row_key FROM ledger_entries WHERE kind = $a)", (long)kind);
        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    private bool TableExists(string table) => Scalar(TableExistsSql, table) > 0;

    private static long? Id(string rowKey) =>
        long.TryParse(rowKey, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id.ToString(CultureInfo.InvariantCulture) == rowKey ? id : null;

    private static StoredLedgerEntry ReadEntry(SqliteDataReader r) =>
        new(r.GetInt64(0), (EntryKind)r.GetInt64(1), r.GetString(2), (byte[])r.GetValue(3), (byte[])r.GetValue(4), r.IsDBNull(5) ? [] : (byte[])r.GetValue(5));

    private static StoredCheckpoint ReadCheckpoint(SqliteDataReader r) =>
        new(r.GetInt64(0), r.GetInt64(1), (byte[])r.GetValue(2), r.GetString(3), Instant(r, 4));

    private static string[] MultiRowInsert(string head, int columns) =>
    [
        .. Enumerable.Range(1, RowsPerInsert).Select(rows =>
            head + string.Join(", ", Enumerable.Range(0, rows).Select(i =>
                "(" + string.Join(", ", Enumerable.Range(1, columns).Select(c => $"?{(columns * i) + c}")) + ")"))),
    ];
}
