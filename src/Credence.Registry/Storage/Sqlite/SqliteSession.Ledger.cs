using System.Globalization;
using Credence.Registry.Ledger;
using SQLitePCL;

namespace Credence.Registry.Storage.Sqlite;

/// <summary>The ledger's tables: entries, post-order nodes, the commitment salt and checkpoints.</summary>
internal sealed partial class SqliteSession
{
    private const string InsertEntrySql = "INSERT INTO ledger_entries (idx, kind, row_key, bytes, leaf_hash, subject) VALUES ($a, $b, $c, $d, $e, $f)";

    /// <summary>Most nodes one insert statement stores.</summary>
    private const int NodesPerInsert = 16;

    /// <summary>The node inserts of 1 to <see cref="NodesPerInsert"/> rows (index: rows - 1), made once so each is prepared once.</summary>
    private static readonly string[] InsertNodesSql =
    [
        .. Enumerable.Range(1, NodesPerInsert).Select(rows =>
            "INSERT INTO ledger_nodes (pos, hash) VALUES " + string.Join(", ", Enumerable.Range(0, rows).Select(i => $"(?{(2 * i) + 1}, ?{(2 * i) + 2})"))),
    ];

    private const string NodeSql = "SELECT hash FROM ledger_nodes WHERE pos = $a";

    private const string NodeCountSql = "SELECT COALESCE(MAX(pos) + 1, 0) FROM ledger_nodes";

    private const string EntryCountSql = "SELECT COALESCE(MAX(idx) + 1, 0) FROM ledger_entries";

    private const string EntrySql = "SELECT kind, row_key, bytes FROM ledger_entries WHERE idx = $a";

    private const string EntryOfRowSql = "SELECT idx FROM ledger_entries WHERE kind = $a AND row_key = $b";

    private const string SaltSql = "SELECT salt FROM ledger_salt WHERE id = 1";

    private const string InsertCheckpointSql = "INSERT INTO checkpoints (size, root, note, signed_at) VALUES ($a, $b, $c, $d) RETURNING id";

    private const string CheckpointsSql = "SELECT id, size, root, note, signed_at FROM checkpoints WHERE id > $a ORDER BY id LIMIT $b";

    private const string NewestCheckpointSql = "SELECT id, size, root, note, signed_at FROM checkpoints ORDER BY id DESC LIMIT 1";

    /// <summary>The writer's ledger (null on read connections).</summary>
    public LedgerAppender? Ledger { get; set; }

    /// <inheritdoc />
    public long LastLedgerIndex => Ledger?.LastIndex ?? -1;

    /// <summary>
    /// Hook for each row insert the ledger covers: appends the row's entry in the same transaction,
    /// built from the <paramref name="values"/> the insert bound (in <see cref="RowContent.Select"/> order).
    /// </summary>
    private void Ledgered(EntryKind kind, object?[] values, string? rowKey = null) =>
        Ledger?.Append(this, kind, rowKey ?? raw.sqlite3_last_insert_rowid(Connection.Handle).ToString(CultureInfo.InvariantCulture), values);

    /// <summary>Stores an entry; an empty <paramref name="subject"/> commitment is stored as NULL.</summary>
    public void InsertLedgerEntry(long index, EntryKind kind, string rowKey, ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> leafHash, ReadOnlySpan<byte> subject)
    {
        var s = Raw(InsertEntrySql).Bind(1, index).Bind(2, (long)kind).Bind(3, rowKey).Bind(4, bytes).Bind(5, leafHash);
        (subject.IsEmpty ? s.BindNull(6) : s.Bind(6, subject)).Execute();
    }

    /// <summary>A subject's entries (by its commitment) before <paramref name="beforeIndex"/>, newest first.</summary>
    public IReadOnlyList<StoredLedgerEntry> SubjectLedgerEntries(byte[] subject, long beforeIndex, int limit) =>
        Rows(r => new StoredLedgerEntry(r.GetInt64(0), (EntryKind)r.GetInt64(1), r.GetString(2), (byte[])r.GetValue(3)),
            "SELECT idx, kind, row_key, bytes FROM ledger_entries WHERE subject = $a AND idx < $b ORDER BY idx DESC LIMIT $c", subject, beforeIndex, limit);

    /// <summary>Stores consecutive nodes from <paramref name="position"/> on: <paramref name="hashes"/> holds them, each <paramref name="size"/> bytes.</summary>
    /// <remarks>Implementation note: a leaf brings two nodes on average; one statement for several rows saves a step, a reset and its bookkeeping for each.</remarks>
    public void InsertLedgerNodes(long position, ReadOnlySpan<byte> hashes, int size)
    {
        while (!hashes.IsEmpty)
        {
            var rows = Math.Min(hashes.Length / size, NodesPerInsert);
            var s = Raw(InsertNodesSql[rows - 1]);
            for (var i = 0; i < rows; i++)
            {
                s.Bind((2 * i) + 1, position + i).Bind((2 * i) + 2, hashes.Slice(i * size, size));
            }

            s.Execute();
            position += rows;
            hashes = hashes[(rows * size)..];
        }
    }

    public byte[]? LedgerNode(long position)
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

    public long LedgerNodeCount() => Scalar(NodeCountSql);

    public long LedgerSize() => Scalar(EntryCountSql);

    public StoredLedgerEntry? LedgerEntryAt(long index) =>
        Row(r => new StoredLedgerEntry(index, (EntryKind)r.GetInt64(0), r.GetString(1), (byte[])r.GetValue(2)), EntrySql, index);

    /// <summary>The ledger index of a row's entry, or null.</summary>
    public long? LedgerIndexOf(EntryKind kind, string rowKey) =>
        Command(EntryOfRowSql, (long)kind, rowKey).ExecuteScalar() is long index ? index : null;

    public byte[] LedgerSalt() => Row(r => (byte[])r.GetValue(0), SaltSql) ?? throw new InvalidDataException("the ledger salt is missing");

    /// <summary>The columns of the row an entry covers, in <see cref="RowContent.Select"/> order; null when the row is gone.</summary>
    public object?[]? LedgerRow(EntryKind kind, string rowKey) =>
        Row(r =>
        {
            var values = new object?[r.FieldCount];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = r.IsDBNull(i) ? null : r.GetValue(i);
            }

            return values;
        }, RowContent.Select(kind), kind == EntryKind.Decision ? rowKey : long.Parse(rowKey, CultureInfo.InvariantCulture));

    public long InsertCheckpoint(long size, byte[] root, string note, DateTimeOffset at) => Scalar(InsertCheckpointSql, size, root, note, at.UtcTicks);

    public IReadOnlyList<StoredCheckpoint> Checkpoints(long afterId, int limit) => Rows(ReadCheckpoint, CheckpointsSql, afterId, limit);

    public StoredCheckpoint? NewestCheckpoint() => Row(ReadCheckpoint, NewestCheckpointSql);

    private static StoredCheckpoint ReadCheckpoint(Microsoft.Data.Sqlite.SqliteDataReader r) =>
        new(r.GetInt64(0), r.GetInt64(1), (byte[])r.GetValue(2), r.GetString(3), Instant(r, 4));

    public byte[]? LedgerLeafHash(long index) => Row(r => (byte[])r.GetValue(0), "SELECT leaf_hash FROM ledger_entries WHERE idx = $a", index);

    /// <summary>The stored subject commitment column of an entry (empty when NULL).</summary>
    public byte[] LedgerSubjectColumn(long index) =>
        Row(r => r.IsDBNull(0) ? [] : (byte[])r.GetValue(0), "SELECT subject FROM ledger_entries WHERE idx = $a", index) ?? [];

    /// <summary>True when the schema has a table of this name.</summary>
    public bool TableExists(string table) => Scalar("SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name = $a", table) > 0;

    /// <summary>Keys of the rows of <paramref name="table"/> that no entry of <paramref name="kind"/> covers (for the audit).</summary>
    public IReadOnlyList<string> RowsWithoutEntry(string table, string keyExpression, EntryKind kind) =>
        Rows(r => r.GetString(0),
            $"SELECT {keyExpression} FROM {table} WHERE {keyExpression} NOT IN (SELECT row_key FROM ledger_entries WHERE kind = $a) ORDER BY 1", (long)kind);
}
