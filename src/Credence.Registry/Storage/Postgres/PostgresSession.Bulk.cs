using Credence.Core.Identifiers;
using Credence.Core.Records;
using Credence.Registry.DueProcess;
using Npgsql;
using NpgsqlTypes;

namespace Credence.Registry.Storage.Postgres;

/// <summary>
/// The set-based intake seam: record versions looked up and inserted a batch at a time, the rows of
/// the subjects a unit re-scores read ahead in one round trip, and subject states written behind, a
/// batch at a time.
/// </summary>
/// <remarks>
/// <para>
/// Implementation note: a batch of versions goes in by binary COPY into a temporary staging table
/// (created once per connection, <c>ON COMMIT DELETE ROWS</c>), then one
/// <c>INSERT … SELECT … ORDER BY ord ON CONFLICT DO NOTHING RETURNING</c> that copies the batch's staged
/// rows into <c>records</c> in the order given and names those it inserted: a few messages for any
/// number of rows, all in the writer's transaction. Staged rows are numbered through the transaction,
/// so a later batch selects its own (<c>ord</c> from its first) and nothing is deleted row by row: the
/// commit empties the staging tables at once. A handful of rows goes in row by row, which is fewer
/// round trips than the COPY. Look-ups and read-ahead send the keys as arrays (one statement, binary
/// parameters, no staging table): the server joins them against the indexes as it would a staged set.
/// </para>
/// <para>
/// Implementation note: <see cref="SaveSubjectState"/> only remembers the state; the states are
/// upserted together (by COPY and one statement, or row by row when few) before the transaction
/// commits and before any statement that names <c>subject_state</c> runs, so every read in the
/// transaction still sees them. Re-scoring a batch's subjects so costs one write, not one per subject.
/// </para>
/// </remarks>
internal sealed partial class PostgresSession
{
    /// <summary>From this many rows on a batch goes in by COPY; below, row by row.</summary>
    private const int CopyFrom = 16;

    private const string RecordsStage = "credence_records_stage";

    private const string StatesStage = "credence_states_stage";

    private const string CreateStagesSql =
        "CREATE TEMP TABLE IF NOT EXISTS " + RecordsStage + " (ord integer NOT NULL, source text NOT NULL, source_record_id text NOT NULL, version integer NOT NULL, " +
        "action integer NOT NULL, subject text COLLATE \"C\" NOT NULL, type text NOT NULL, area integer NOT NULL, occurred_at bigint NOT NULL, reported_at bigint NOT NULL, " +
        "legal_basis text, quantity text, note text) ON COMMIT DELETE ROWS; " +
        "CREATE TEMP TABLE IF NOT EXISTS " + StatesStage + " (ord integer NOT NULL, subject text COLLATE \"C\" NOT NULL, kind integer NOT NULL, policy_tag text NOT NULL, status integer NOT NULL, " +
        "score integer, grade text, lists text[] NOT NULL, evaluated_at bigint NOT NULL, review_at bigint NOT NULL) ON COMMIT DELETE ROWS";

    private const string CopyRecordsSql = "COPY " + RecordsStage + " (ord, " + RecordColumns + ") FROM STDIN (FORMAT BINARY)";

    private const string InsertStagedRecordsSql =
        "INSERT INTO records (" + RecordColumns + ") SELECT " + RecordColumns + " FROM " + RecordsStage + " WHERE ord >= $1 ORDER BY ord " +
        "ON CONFLICT (source, source_record_id, version) DO NOTHING RETURNING source, source_record_id, version";

    private const string StateColumns = "subject, kind, policy_tag, status, score, grade, lists, evaluated_at, review_at";

    private const string CopyStatesSql = "COPY " + StatesStage + " (ord, " + StateColumns + ") FROM STDIN (FORMAT BINARY)";

    private const string UpsertStagedStatesSql =
        "INSERT INTO subject_state (" + StateColumns + ") SELECT " + StateColumns + " FROM " + StatesStage + " WHERE ord >= $1 " +
        "ON CONFLICT (subject) DO UPDATE SET kind = excluded.kind, policy_tag = excluded.policy_tag, status = excluded.status, score = excluded.score, " +
        "grade = excluded.grade, lists = excluded.lists, evaluated_at = excluded.evaluated_at, review_at = excluded.review_at";

    private const string FindVersionsSql =
        "SELECT k.source, k.id, k.version, r.subject, r.action, r.type, r.area, r.occurred_at, r.reported_at, r.legal_basis, r.quantity, r.note " +
        "FROM unnest($1::text[], $2::text[], $3::integer[]) AS k(source, id, version) " +
        "JOIN records r ON r.source = k.source AND r.source_record_id = k.id AND r.version = k.version";

    private const string AheadRecordsSql =
        "SELECT subject, source, source_record_id, version, action, type, area, occurred_at, reported_at, legal_basis, quantity, note " + AheadOf + "records WHERE subject = s.asked OFFSET 0) t";

    private const string AheadStatesSql = "SELECT " + StateColumns + " " + AheadOf + "subject_state WHERE subject = s.asked OFFSET 0) t";

    private const string AheadListingsSql = "SELECT " + ListingColumns + " " + AheadOf + "listings WHERE subject = s.asked AND ended_at IS NULL ORDER BY id) t";

    private const string AheadDisputesSql = "SELECT " + DisputeRowColumns + " " + AheadOf + "disputes WHERE subject = s.asked ORDER BY opened_at, id COLLATE \"C\") t";

    private const string AheadRepairsSql = "SELECT subject, source, source_record_id, effective_at " + AheadOf + "repairs WHERE subject = s.asked AND effective_at IS NOT NULL OFFSET 0) t";

    private const string AheadConsentsSql = "SELECT subject, given, at, id " + AheadOf + "consents WHERE subject = s.asked OFFSET 0) t";

    /// <summary>
    /// The head of every read-ahead query: each of the given subjects (distinct), then that subject's
    /// rows, read by the table's index on <c>subject</c>; the query closes the subquery and names it <c>t</c>.
    /// </summary>
    /// <remarks>
    /// Implementation note: these were <c>WHERE subject = ANY($1)</c>, which left the plan to the
    /// statistics, and a bulk load outruns them. On a records table of 4 million rows never analysed
    /// the planner took 10,000 subjects to match half the table and scanned all of it in primary-key
    /// order for the <c>ORDER BY id</c> (3.1 s a batch, and growing with the table: the 1,000,000-person
    /// city slowed from 5,500 records/s to under 1,700); analysed, it chose a parallel sequential scan
    /// (1.2 to 1.4 s) over the index (0.5 to 0.7 s). A lateral subquery that names the outer subject
    /// cannot be planned as anything but one index probe per subject (<c>OFFSET 0</c>, or an
    /// <c>ORDER BY</c>, keeps the planner from flattening it into a join it could hash), so the cost
    /// follows the subjects asked about and their rows, not the table's size or its statistics:
    /// 0.3 s for the same 10,000 subjects. Rows come subject by subject, each subject's in the
    /// subquery's order; records need no order (each subject's are sorted in file order when read).
    /// </remarks>
    private const string AheadOf = "FROM unnest($1::text[]) AS s(asked) CROSS JOIN LATERAL (SELECT * FROM ";

    /// <summary>The writer's memory of subjects' record versions across transactions (null on read connections).</summary>
    public PostgresRecordCache? RecordCache { get; set; }

    private readonly Dictionary<string, SubjectState> pendingStates = new(StringComparer.Ordinal);
    private bool stagesReady;

    /// <summary>The next row number in this transaction's staging tables (the rows of earlier batches stay there until the commit).</summary>
    private int staged;
    private PostgresReadAhead? ahead;

    public IReadOnlyDictionary<RecordVersionKey, StoredVersion> FindRecordVersions(IReadOnlyCollection<RecordVersionKey> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var found = new Dictionary<RecordVersionKey, StoredVersion>(versions.Count);
        if (versions.Count == 0)
        {
            return found;
        }

        var sources = new string[versions.Count];
        var ids = new string[versions.Count];
        var numbers = new int[versions.Count];
        var i = 0;
        foreach (var v in versions)
        {
            (sources[i], ids[i], numbers[i]) = (v.Key.Source, v.Key.SourceRecordId, v.Version);
            i++;
        }

        using var command = Command(FindVersionsSql, [sources, ids, numbers]);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            found[new RecordVersionKey(new RecordKey(reader.GetString(0), reader.GetString(1)), reader.GetInt32(2))] = ReadVersion(reader, 3);
        }

        return found;
    }

    public bool[] TryInsertRecords(IReadOnlyList<Record> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var inserted = new bool[records.Count];
        if (records.Count < CopyFrom)
        {
            for (var i = 0; i < inserted.Length; i++)
            {
                inserted[i] = TryInsertRecord(records[i]);
            }

            return inserted;
        }

        PrepareStages();
        var first = staged;
        staged += records.Count;
        using (var import = Connection.BeginBinaryImport(CopyRecordsSql))
        {
            for (var i = 0; i < records.Count; i++)
            {
                var r = records[i];
                import.StartRow();
                import.Write(first + i, NpgsqlDbType.Integer);
                import.Write(r.Key.Source, NpgsqlDbType.Text);
                import.Write(r.Key.SourceRecordId, NpgsqlDbType.Text);
                import.Write(r.Version, NpgsqlDbType.Integer);
                import.Write((int)r.Action, NpgsqlDbType.Integer);
                import.Write(r.Subject.Value, NpgsqlDbType.Text);
                import.Write(r.Type, NpgsqlDbType.Text);
                import.Write((int)r.Area, NpgsqlDbType.Integer);
                import.Write(r.OccurredAt.UtcTicks, NpgsqlDbType.Bigint);
                import.Write(r.ReportedAt.UtcTicks, NpgsqlDbType.Bigint);
                WriteText(import, r.LegalBasis);
                WriteText(import, QuantityText(r.Quantity));
                WriteText(import, r.Note);
            }

            import.Complete();
        }

        var stored = new HashSet<RecordVersionKey>(records.Count);
        using (var command = Command(InsertStagedRecordsSql, [first]))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                stored.Add(new RecordVersionKey(new RecordKey(reader.GetString(0), reader.GetString(1)), reader.GetInt32(2)));
            }
        }

        // In the order given: the first of two equal keys is the one the ordered insert stored.
        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i];
            if (stored.Remove(new RecordVersionKey(r.Key, r.Version)))
            {
                inserted[i] = true;
                RecordInserted(r);
            }
        }

        return inserted;
    }

    public void ReadAhead(IReadOnlyCollection<SubjectId> subjects)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        if (subjects.Count == 0)
        {
            return;
        }

        FlushStates();
        var ids = new Dictionary<string, SubjectId>(subjects.Count, StringComparer.Ordinal);
        foreach (var s in subjects)
        {
            ids.TryAdd(s.Value, s);
        }

        var names = ids.Keys.ToArray();
        var read = new PostgresReadAhead();
        var unknown = new List<string>(names.Length);
        foreach (var name in names)
        {
            if (RecordCache?.Find(name) is { } known)
            {
                read.Records[name] = known;
            }
            else
            {
                read.Records[name] = [];
                unknown.Add(name);
            }

            read.States[name] = null;
            read.OpenListings[name] = [];
            read.Disputes[name] = [];
            read.GrantedRepairs[name] = [];
            read.Consents[name] = [];
        }

        using var batch = new NpgsqlBatch(Connection, Transaction);
        foreach (var sql in (string[])[AheadRecordsSql, AheadStatesSql, AheadListingsSql, AheadDisputesSql, AheadRepairsSql, AheadConsentsSql])
        {
            var command = new NpgsqlBatchCommand(sql);
            var subjectsOf = ReferenceEquals(sql, AheadRecordsSql) ? unknown.ToArray() : names;
            command.Parameters.Add(new NpgsqlParameter { Value = subjectsOf, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            batch.BatchCommands.Add(command);
        }

        using var r = batch.ExecuteReader();
        while (r.Read())
        {
            var subject = ids[r.GetString(0)];
            read.Records[subject.Value].Add(new Record(
                new RecordKey(r.GetString(1), r.GetString(2)), r.GetInt32(3), (RecordAction)r.GetInt32(4), subject, r.GetString(5), (Area)r.GetInt32(6),
                Instant(r, 7), Instant(r, 8), MaybeText(r, 9), Quantity(MaybeText(r, 10)), MaybeText(r, 11)));
        }

        foreach (var name in unknown)
        {
            RecordFileOrder.Sort(read.Records[name]);
            RecordCache?.Keep(name, read.Records[name]);
        }

        r.NextResult();
        while (r.Read())
        {
            var state = ReadState(r);
            read.States[state.Subject] = state;
        }

        r.NextResult();
        while (r.Read())
        {
            var listing = ReadListing(r);
            read.OpenListings[listing.Subject].Add(listing);
            read.ListingSubjects[listing.Id] = listing.Subject;
        }

        r.NextResult();
        while (r.Read())
        {
            var dispute = ReadDispute(r);
            read.Disputes[dispute.Subject].Add(dispute);
        }

        r.NextResult();
        while (r.Read())
        {
            read.GrantedRepairs[r.GetString(0)].Add(new RecordRepair(new RecordKey(r.GetString(1), r.GetString(2)), Instant(r, 3)));
        }

        r.NextResult();
        while (r.Read())
        {
            read.Consents[r.GetString(0)].Add((r.GetBoolean(1), r.GetInt64(2), r.GetInt64(3)));
        }

        ahead = read;
    }

    /// <summary>The unit of work ended: what was read ahead for it is dropped (the next unit reads afresh).</summary>
    public void UnitEnded() => ahead = null;

    /// <summary>The transaction rolled back: the states not yet written, the read-ahead and the staging tables (created in it, perhaps) are gone.</summary>
    private void BulkRolledBack()
    {
        BulkEnded();
        RecordCache?.Clear();
        pendingStates.Clear();
        ahead = null;
        stagesReady = false;
    }

    /// <summary>The transaction ended: its staged rows are gone (<c>ON COMMIT DELETE ROWS</c>), row numbers start again.</summary>
    private void BulkEnded() => staged = 0;

    /// <summary>Upserts the states <see cref="SaveSubjectState"/> remembered, now.</summary>
    private void FlushStates()
    {
        if (pendingStates.Count == 0)
        {
            return;
        }

        // Taken first, so that the statements below do not flush again.
        var states = pendingStates.Values.ToArray();
        pendingStates.Clear();
        if (states.Length < CopyFrom)
        {
            foreach (var state in states)
            {
                NonQuery(SaveStateSql, StateValues(state));
            }

            return;
        }

        PrepareStages();
        var first = staged;
        using (var import = Connection.BeginBinaryImport(CopyStatesSql))
        {
            foreach (var s in states)
            {
                import.StartRow();
                import.Write(staged++, NpgsqlDbType.Integer);
                import.Write(s.Subject, NpgsqlDbType.Text);
                import.Write((int)s.Kind, NpgsqlDbType.Integer);
                import.Write(s.PolicyTag, NpgsqlDbType.Text);
                import.Write((int)s.Status, NpgsqlDbType.Integer);
                if (s.Score is { } score)
                {
                    import.Write(score, NpgsqlDbType.Integer);
                }
                else
                {
                    import.WriteNull();
                }

                WriteText(import, s.Grade);
                import.Write(s.Lists.IsDefault ? [] : s.Lists.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                import.Write(s.EvaluatedAt.UtcTicks, NpgsqlDbType.Bigint);
                import.Write(s.ReviewAt.UtcTicks, NpgsqlDbType.Bigint);
            }

            import.Complete();
        }

        NonQuery(UpsertStagedStatesSql, first);
    }

    /// <summary>Creates this connection's staging tables once (again after a rollback, which may have undone their creation).</summary>
    private void PrepareStages()
    {
        if (!stagesReady)
        {
            Execute(CreateStagesSql);
            stagesReady = true;
        }
    }

    /// <summary>True when <paramref name="sql"/> reads or writes subject states, so the remembered ones must be written first.</summary>
    private bool NeedsStates(string sql) => pendingStates.Count > 0 && sql.Contains("subject_state", StringComparison.Ordinal);

    private static void WriteText(NpgsqlBinaryImporter import, string? value)
    {
        if (value is null)
        {
            import.WriteNull();
        }
        else
        {
            import.Write(value, NpgsqlDbType.Text);
        }
    }
}
