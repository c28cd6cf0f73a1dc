using System.Globalization;
using Credence.Registry.Ledger;
using Npgsql;

namespace Credence.Registry.Storage.Postgres;

/// <summary>
/// The ledger's tables (entries, post-order nodes, the commitment salt, checkpoints) as
/// <see cref="ILedgerTables"/>, and the hooks that append each covered row's entry through the shared
/// <see cref="LedgerAppender"/> in the same transaction.
/// </summary>
internal sealed partial class PostgresSession : ILedgerTables
{
    /// <summary>
    /// The advisory lock every writer's transaction takes first (any fixed number; this one spells
    /// "ledger"): the ledger is one sequence, so two processes writing the same database take turns,
    /// as two SQLite processes do on the file's write lock.
    /// </summary>
    private const long LedgerLock = 0x6C6564676572;

    private const string EntryColumns = "idx, kind, row_key, bytes, leaf_hash, subject";

    private const string TakeTurnSql = "SELECT pg_advisory_xact_lock($1)";

    private const string BeginWriteSql =
        "SELECT (SELECT COALESCE(MAX(idx) + 1, 0) FROM ledger_entries), (SELECT at FROM writer_clock WHERE id = 1)";

    private const string RaiseClockSql = "UPDATE writer_clock SET at = $1 WHERE id = 1 AND at < $1";

    private const string InsertEntriesSql =
        "INSERT INTO ledger_entries (" + EntryColumns + ") SELECT * FROM unnest($1::bigint[], $2::integer[], $3::text[], $4::bytea[], $5::bytea[], $6::bytea[])";

    /// <summary>From this many entries (or nodes) on a run goes in by COPY.</summary>
    private const int CopyLedgerFrom = 1024;

    private const string CopyEntriesSql = "COPY ledger_entries (" + EntryColumns + ") FROM STDIN (FORMAT BINARY)";

    private const string CopyNodesSql = "COPY ledger_nodes (pos, hash) FROM STDIN (FORMAT BINARY)";

    private const string InsertNodesSql = "INSERT INTO ledger_nodes (pos, hash) SELECT * FROM unnest($1::bigint[], $2::bytea[])";

    private const string NodeSql = "SELECT hash FROM ledger_nodes WHERE pos = $1";

    private const string NodeCountSql = "SELECT COALESCE(MAX(pos) + 1, 0) FROM ledger_nodes";

    private const string EntryCountSql = "SELECT COALESCE(MAX(idx) + 1, 0) FROM ledger_entries";

    private const string EntrySql = "SELECT " + EntryColumns + " FROM ledger_entries WHERE idx = $1";

    private const string SubjectEntriesSql = "SELECT " + EntryColumns + " FROM ledger_entries WHERE subject = $1 AND idx < $2 ORDER BY idx DESC LIMIT $3";

    private const string EntryOfRowSql = "SELECT idx FROM ledger_entries WHERE kind = $1 AND row_key = $2";

    private const string SaltSql = "SELECT salt FROM ledger_salt WHERE id = 1";

    private const string InsertCheckpointSql = "INSERT INTO checkpoints (size, root, note, signed_at) VALUES ($1, $2, $3, $4) RETURNING id";

    private const string CheckpointsSql = "SELECT id, size, root, note, signed_at FROM checkpoints WHERE id > $1 ORDER BY id LIMIT $2";

    private const string NewestCheckpointSql = "SELECT id, size, root, note, signed_at FROM checkpoints ORDER BY id DESC LIMIT 1";

    private const string AccessEventSql = "SELECT " + AccessColumns + " FROM access_log WHERE id = $1";

    private const string CaseStepSql = "SELECT " + CaseStepColumns + " FROM case_steps WHERE id = $1";

    /// <summary>Tree nodes read at most when catching up with another writer; past it the tree is reopened.</summary>
    private const int CatchUpNodes = 4096;

    /// <summary>Changed subjects forgotten one by one at most when catching up; past it the record cache is emptied.</summary>
    private const int CatchUpSubjects = 1024;

    /// <summary>The kinds of entry that name a subject whose file changed (<see cref="LedgeredRow.FileSubject"/>), as the catch-up reads them.</summary>
    private static readonly int[] FileKinds = [(int)EntryKind.RecordVersion, (int)EntryKind.CaseStep];

    private const string NodesSinceSql = "SELECT pos, hash FROM ledger_nodes WHERE pos >= $1 ORDER BY pos LIMIT $2";

    private const string SubjectsSinceSql = "SELECT DISTINCT subject FROM ledger_entries WHERE idx >= $1 AND kind = ANY($2) AND subject IS NOT NULL LIMIT $3";

    private bool reload;

    /// <summary>The writer's ledger (null on read connections).</summary>
    public LedgerAppender? Appender { get; set; }

    /// <inheritdoc />
    public long LastLedgerIndex => Appender?.LastIndex ?? -1;

    ILedgerReader IRegistryReader.Ledger => this;

    ILedgerWriter IRegistryWriter.Ledger => this;

    /// <summary>
    /// Called first in each of the writer's transactions: takes the writers' turn (the ledger is one
    /// sequence), catches the appender's tree and the record cache up with what another process
    /// appended since (or reopens the tree when the last transaction rolled back), and returns the
    /// latest instant any writer gave a unit (see <c>writer_clock</c>).
    /// </summary>
    /// <remarks>
    /// <para>
    /// Implementation note: the lock and the reads are separate statements, sent together in one batch
    /// (one round trip). In READ COMMITTED each statement reads the snapshot taken as it starts; a
    /// single statement that took the lock and read the ledger's size read it as of before its wait for
    /// the lock, so it missed what the other process committed meanwhile, kept its stale tree and
    /// appended at indices already taken (a duplicate <c>ledger_entries</c> key). The later statements
    /// start only once the first holds the lock, so they see every append committed before the turn.
    /// </para>
    /// <para>
    /// Implementation note: several processes on one store take turns, and nearly every turn finds the
    /// ledger grown by another. Reopening the tree then (one read per set bit of the size) and emptying
    /// the record cache made almost every transaction start cold. Instead the same batch reads what was
    /// appended since the size this writer knew: the tree nodes (<see cref="CatchUpNodes"/> at most; a
    /// subtree's hash never changes once complete, so the new right edge is the old one's kept part
    /// plus these, see <see cref="LedgerAppender.CatchUp"/>), and the distinct subject commitments of
    /// the record-version entries (<see cref="CatchUpSubjects"/> at most). Every record version
    /// inserted anywhere appends an entry naming its subject's commitment in the same transaction, so
    /// those are exactly the subjects whose cached versions may be stale, and only they are forgotten;
    /// past either bound the writer reopens the tree or empties the cache as before. After a rollback
    /// the tree and the cache may hold what never committed: both are rebuilt from scratch then.
    /// When nothing was appended the two reads are index range scans that return no row.
    /// </para>
    /// </remarks>
    public DateTimeOffset Began()
    {
        long highWater;
        long size;
        var known = Appender?.Size;
        var appended = new Dictionary<long, byte[]>();
        var changed = new List<byte[]>();
        using (var batch = new NpgsqlBatch(Connection, Transaction))
        {
            var take = new NpgsqlBatchCommand(TakeTurnSql);
            take.Parameters.Add(new NpgsqlParameter { Value = LedgerLock });
            batch.BatchCommands.Add(take);
            batch.BatchCommands.Add(new NpgsqlBatchCommand(BeginWriteSql));
            if (known is { } k && !reload)
            {
                var nodes = new NpgsqlBatchCommand(NodesSinceSql);
                nodes.Parameters.Add(new NpgsqlParameter { Value = LedgerNodeStore.NodeCount(k) });
                nodes.Parameters.Add(new NpgsqlParameter { Value = CatchUpNodes });
                batch.BatchCommands.Add(nodes);
                var subjects = new NpgsqlBatchCommand(SubjectsSinceSql);
                subjects.Parameters.Add(new NpgsqlParameter { Value = k });
                subjects.Parameters.Add(new NpgsqlParameter { Value = FileKinds });
                subjects.Parameters.Add(new NpgsqlParameter { Value = CatchUpSubjects + 1 });
                batch.BatchCommands.Add(subjects);
            }

            using var reader = batch.ExecuteReader();
            reader.NextResult();
            reader.Read();
            size = reader.GetInt64(0);
            highWater = reader.GetInt64(1);
            if (known is not null && !reload)
            {
                reader.NextResult();
                while (reader.Read())
                {
                    appended[reader.GetInt64(0)] = reader.GetFieldValue<byte[]>(1);
                }

                reader.NextResult();
                while (reader.Read())
                {
                    changed.Add(reader.GetFieldValue<byte[]>(0));
                }
            }
        }

        if (Appender is { } appender)
        {
            if (reload)
            {
                RecordCache?.Clear();
                Stamps?.ChangedAll();
                appender.Reload(this);
                reload = false;
            }
            else if (size != appender.Size)
            {
                CatchUp(appender, size, appended, changed);
            }
        }

        return new DateTimeOffset(highWater, TimeSpan.Zero);
    }

    /// <summary>Another process appended since this writer's last transaction: forget what it changed, and grow the tree.</summary>
    private void CatchUp(LedgerAppender appender, long size, Dictionary<long, byte[]> appended, List<byte[]> changed)
    {
        if (changed.Count > CatchUpSubjects)
        {
            RecordCache?.Clear();
            Stamps?.ChangedAll();
        }
        else
        {
            RecordCache?.Forget(changed);
            Stamps?.ChangedElsewhere(changed);
        }

        // All the nodes since were read (fewer than the bound) and they end where the new size's nodes
        // end: the tree grows from them. Otherwise (a bulk intake's many, or tables that disagree) it is
        // reopened from the stored nodes, which also checks them against the entries.
        if (size > appender.Size && appended.Count < CatchUpNodes && appended.Count > 0 && appended.Keys.Max() == LedgerNodeStore.NodeCount(size) - 1)
        {
            appender.CatchUp(this, size, appended);
        }
        else
        {
            appender.Reload(this);
        }
    }

    /// <summary>Stores what the appender holds, and raises the writers' clock to <paramref name="last"/>, before the commit.</summary>
    public void Committing(DateTimeOffset last)
    {
        FlushStates();
        FlushDecisions();
        Appender?.Flush(this);
        NonQuery(RaiseClockSql, last.UtcTicks);
    }

    /// <summary>The transaction committed.</summary>
    public void Committed() => BulkEnded();

    /// <summary>A transaction rolled back: the appender's tree is reopened at the start of the next one.</summary>
    public void RolledBack()
    {
        reload = true;
        Stamps?.ChangedAll();
        pendingDecisions.Clear();
        BulkRolledBack();
    }

    private void Ledgered(LedgeredRow row)
    {
        if (row.FileSubject is { } subject)
        {
            Stamps?.Changed(subject);
        }

        Appender?.Append(this, row);
    }

    /// <summary>The writer's memory of when subjects' files changed (null on read connections).</summary>
    public SubjectStamps? Stamps { get; set; }

    /// <inheritdoc />
    public FileStamp FileStamp => Stamps?.Now ?? default;

    /// <inheritdoc />
    public bool FileUnchangedSince(Core.Identifiers.SubjectId subject, FileStamp stamp) =>
        Stamps is { } stamps && Appender is { } appender && stamps.Unchanged(subject.Value, appender.SubjectCommitment, stamp);

    private void RecordInserted(Core.Records.Record record)
    {
        Ledgered(LedgeredRow.Of(record));
        ahead?.RecordAdded(record);
        RecordCache?.Added(record);
    }

    private void DecisionInserted(Decisions.Decision decision) => Ledgered(LedgeredRow.Of(decision));

    private void AccessAppended(Access.AccessEvent accessEvent) => Ledgered(LedgeredRow.Of(accessEvent));

    private void CaseStepInserted(DueProcess.CaseStep step) => Ledgered(LedgeredRow.Of(step));

    byte[] ILedgerReader.Salt() => Row(r => r.GetFieldValue<byte[]>(0), SaltSql) ?? throw new InvalidDataException("the ledger salt is missing");

    long ILedgerReader.Size() => Scalar(EntryCountSql);

    long ILedgerReader.NodeCount() => Scalar(NodeCountSql);

    byte[]? ILedgerReader.Node(long position) => Row(r => r.GetFieldValue<byte[]>(0), NodeSql, position);

    StoredLedgerEntry? ILedgerReader.Entry(long index) => Row(ReadEntry, EntrySql, index);

    long? ILedgerReader.IndexOf(EntryKind kind, string rowKey) => MaybeScalar(EntryOfRowSql, (int)kind, rowKey);

    IReadOnlyList<StoredLedgerEntry> ILedgerReader.SubjectEntries(byte[] commitment, long beforeIndex, int limit) =>
        Rows(ReadEntry, SubjectEntriesSql, commitment, beforeIndex, limit);

    StoredCheckpoint? ILedgerReader.NewestCheckpoint() => Row(ReadCheckpoint, NewestCheckpointSql);

    IReadOnlyList<StoredCheckpoint> ILedgerReader.Checkpoints(long afterId, int limit) => Rows(ReadCheckpoint, CheckpointsSql, afterId, limit);

    long ILedgerWriter.InsertCheckpoint(long size, byte[] root, string note, DateTimeOffset signedAt) => Scalar(InsertCheckpointSql, size, root, note, signedAt.UtcTicks);

    /// <remarks>
    /// Implementation note: a short run of entries goes in with one statement, as arrays unnested on the
    /// server: one round trip. A long one (a bulk intake's) goes in by binary COPY straight into the
    /// table: the indices are new, so nothing can conflict, and COPY is the server's cheapest insert.
    /// </remarks>
    void ILedgerTables.InsertEntries(IReadOnlyList<StoredLedgerEntry> entries)
    {
        if (entries.Count == 0)
        {
            return;
        }

        if (entries.Count >= CopyLedgerFrom)
        {
            using var import = Connection.BeginBinaryImport(CopyEntriesSql);
            foreach (var e in entries)
            {
                import.StartRow();
                import.Write(e.Index, NpgsqlTypes.NpgsqlDbType.Bigint);
                import.Write((int)e.Kind, NpgsqlTypes.NpgsqlDbType.Integer);
                import.Write(e.RowKey, NpgsqlTypes.NpgsqlDbType.Text);
                import.Write(e.Bytes, NpgsqlTypes.NpgsqlDbType.Bytea);
                import.Write(e.LeafHash, NpgsqlTypes.NpgsqlDbType.Bytea);
                if (e.Subject.Length == 0)
                {
                    import.WriteNull();
                }
                else
                {
                    import.Write(e.Subject, NpgsqlTypes.NpgsqlDbType.Bytea);
                }
            }

            import.Complete();
            return;
        }

        NonQuery(InsertEntriesSql,
            entries.Select(e => e.Index).ToArray(),
            entries.Select(e => (int)e.Kind).ToArray(),
            entries.Select(e => e.RowKey).ToArray(),
            entries.Select(e => e.Bytes).ToArray(),
            entries.Select(e => e.LeafHash).ToArray(),
            entries.Select(e => e.Subject.Length == 0 ? null : e.Subject).ToArray());
    }

    void ILedgerTables.InsertNodes(long position, ReadOnlySpan<byte> hashes)
    {
        const int Size = 32;
        var count = hashes.Length / Size;
        if (count == 0)
        {
            return;
        }

        if (count >= CopyLedgerFrom)
        {
            using var import = Connection.BeginBinaryImport(CopyNodesSql);
            for (var i = 0; i < count; i++)
            {
                import.StartRow();
                import.Write(position + i, NpgsqlTypes.NpgsqlDbType.Bigint);
                import.Write(hashes.Slice(i * Size, Size).ToArray(), NpgsqlTypes.NpgsqlDbType.Bytea);
            }

            import.Complete();
            return;
        }

        var positions = new long[count];
        var values = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            positions[i] = position + i;
            values[i] = hashes.Slice(i * Size, Size).ToArray();
        }

        NonQuery(InsertNodesSql, positions, values);
    }

    /// <remarks>
    /// Implementation note: each row is read back through the same queries the use cases read it with,
    /// so what the audit compares is what the registry serves; a row that is there but does not read
    /// as its domain object is <see cref="InvalidDataException"/>, reported against its entry.
    /// </remarks>
    LedgeredRow? ILedgerReader.CoveredRow(EntryKind kind, string rowKey)
    {
        try
        {
            return kind switch
            {
                EntryKind.RecordVersion => LedgeredRow.TryParseRecordRowKey(rowKey, out var key, out var version) && FindRecordVersion(key, version) is { } stored
                    ? LedgeredRow.Of(key, version, stored)
                    : null,
                EntryKind.Decision => Guid.TryParseExact(rowKey, "D", out var id) && FindDecision(id) is { } decision ? LedgeredRow.Of(decision) : null,
                EntryKind.AccessEvent => Id(rowKey) is { } eventId && Row(ReadAccess, AccessEventSql, eventId) is { } accessEvent ? LedgeredRow.Of(accessEvent) : null,
                EntryKind.CaseStep => Id(rowKey) is { } stepId && Row(ReadCaseStep, CaseStepSql, stepId) is { } step ? LedgeredRow.Of(step) : null,
                _ => null,
            };
        }
        catch (Exception ex) when (ex is InvalidCastException or FormatException or System.Text.Json.JsonException or OverflowException or ArgumentException)
        {
            throw new InvalidDataException($"the row does not read back ({ex.Message})", ex);
        }
    }

    IReadOnlyList<string> ILedgerReader.RowsWithoutEntry(EntryKind kind)
    {
        var (table, key) = kind switch
        {
            EntryKind.RecordVersion => ("records", "source || '/' || source_record_id || '/' || version::text"),
            EntryKind.Decision => ("decisions", "id::text"),
            EntryKind.AccessEvent => ("access_log", "id::text"),
            EntryKind.CaseStep => ("case_steps", "id::text"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        var keys = Rows(r => r.GetString(0),
            $"SELECT k FROM (SELECT {key} AS k FROM {table}) AS covered WHERE NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.kind = $1 AND e.row_key = covered.k)", (int)kind);
        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    private static long? Id(string rowKey) =>
        long.TryParse(rowKey, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id.ToString(CultureInfo.InvariantCulture) == rowKey ? id : null;

    private static StoredLedgerEntry ReadEntry(NpgsqlDataReader r) =>
        new(r.GetInt64(0), (EntryKind)r.GetInt32(1), r.GetString(2), r.GetFieldValue<byte[]>(3), r.GetFieldValue<byte[]>(4), r.IsDBNull(5) ? [] : r.GetFieldValue<byte[]>(5));

    private static StoredCheckpoint ReadCheckpoint(NpgsqlDataReader r) =>
        new(r.GetInt64(0), r.GetInt64(1), r.GetFieldValue<byte[]>(2), r.GetString(3), Instant(r, 4));
}
