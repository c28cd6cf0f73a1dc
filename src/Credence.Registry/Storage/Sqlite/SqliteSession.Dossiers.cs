using Credence.Core.Identifiers;
using Credence.Registry.Consent;
using System.Globalization;
using Credence.Core.Records;

namespace Credence.Registry.Storage.Sqlite;

/// <summary>The dossiers of a run of subjects, one read per table over the run's range of identifiers.</summary>
internal sealed partial class SqliteSession
{
    private const string RangeRecordColumns = "source, source_record_id, version, action, type, area, occurred_at, reported_at, legal_basis, quantity, note, subject";

    // Both plans return the same rows; the choice between them is made in RecordsOfRun.
    private const string RangeRecordsByIndexSql = "SELECT " + RangeRecordColumns + " FROM records WHERE subject >= $a AND subject <= $b";

    private const string RangeRecordsByScanSql = "SELECT " + RangeRecordColumns + " FROM records NOT INDEXED WHERE subject >= $a AND subject <= $b";

    private const string RangeStatesSql = "SELECT count(*) FROM subject_state WHERE subject >= $a AND subject <= $b";

    private const string AllStatesSql = "SELECT count(*) FROM subject_state";

    private const string LastRecordSql = "SELECT max(id) FROM records";

    private const string RangeDisputesSql = "SELECT " + DisputeRowColumns + " FROM disputes WHERE subject >= $a AND subject <= $b ORDER BY subject, opened_at, id";

    private const string RangeRepairsSql = "SELECT " + RepairColumns + " FROM repairs WHERE subject >= $a AND subject <= $b ORDER BY subject, applied_at, id";

    private const string RangeDecisionsSql = "SELECT " + DecisionColumns + " FROM decisions WHERE subject >= $a AND subject <= $b ORDER BY subject, decided_at DESC, id DESC";

    private const string RangeConsentsSql = "SELECT id, subject, given, at, by FROM consents WHERE subject >= $a AND subject <= $b ORDER BY subject, at, id";

    public IReadOnlyList<SubjectDossier> Dossiers(IReadOnlyList<SubjectId> subjects, int decisionsEach)
    {
        var run = new DossierRun(subjects, decisionsEach);
        if (run.IsEmpty)
        {
            return [];
        }

        RecordsOfRun(run);
        Rows(ReadDispute, RangeDisputesSql, run.From, run.To).ForEach(run.Add);
        Rows(ReadRepair, RangeRepairsSql, run.From, run.To).ForEach(run.Add);
        Rows(ReadDecision, RangeDecisionsSql, run.From, run.To).ForEach(run.Add);
        Rows(r => new ConsentChange(r.GetInt64(0), r.GetString(1), r.GetInt64(2) != 0, Instant(r, 3), r.GetString(4)), RangeConsentsSql, run.From, run.To).ForEach(run.Add);
        return run.Build();
    }

    /// <summary>Reads the record versions of the run's range, by its index or by one pass over the table.</summary>
    /// <remarks>
    /// Implementation note: records are stored in the order intake wrote them, so a subject's versions
    /// lie on pages all over the table, and reading a range by records_by_subject costs a table search
    /// per version. Measured on the 100,000-person demo city (1,019,490 versions): the range of every
    /// person by the index 4.3 s, the whole table in storage order 0.34 s, about 12 times cheaper a row.
    /// So a run whose range holds a tenth of the subjects or more is read by a pass over the table
    /// (keeping the rows in range), a narrower one by the index. Without statistics (no ANALYZE is run)
    /// SQLite's planner would always take the index. No string is made here, and nothing is looked up:
    /// each row's texts, its subject's identifier among them, are packed as bytes (<see cref="PackedRecords"/>).
    /// </remarks>
    private void RecordsOfRun(DossierRun run)
    {
        var inRange = Scalar(RangeStatesSql, run.From, run.To);
        var all = Scalar(AllStatesSql);

        // Versions are never deleted, so the largest id counts them; a range holds about its share of the subjects'.
        run.ExpectRecords(all == 0 ? 0 : Scalar(LastRecordSql) * inRange / all * 5 / 4);
        var s = Raw(inRange * 10 >= all ? RangeRecordsByScanSql : RangeRecordsByIndexSql).Bind(1, run.From).Bind(2, run.To);
        try
        {
            while (s.Step())
            {
                run.AddRecord(s.Utf8(11), new RecordVersionText
                {
                    Source = s.Utf8(0),
                    SourceRecordId = s.Utf8(1),
                    Version = s.Int32(2),
                    Action = (RecordAction)s.Int32(3),
                    Type = s.Utf8(4),
                    Area = (Area)s.Int32(5),
                    OccurredAt = s.Int64(6),
                    ReportedAt = s.Int64(7),
                    LegalBasis = s.Utf8(8),
                    HasLegalBasis = !s.IsNull(8),
                    Quantity = s.IsNull(9) ? null : decimal.Parse(s.Utf8(9), NumberStyles.Number, CultureInfo.InvariantCulture),
                    Note = s.Utf8(10),
                    HasNote = !s.IsNull(10),
                });
            }
        }
        finally
        {
            s.Reset();
        }
    }
}
