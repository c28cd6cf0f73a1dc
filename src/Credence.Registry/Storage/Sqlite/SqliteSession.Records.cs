using System.Globalization;
using Credence.Core.Identifiers;
using Credence.Core.Records;
using Microsoft.Data.Sqlite;

namespace Credence.Registry.Storage.Sqlite;

/// <summary>Record versions.</summary>
internal sealed partial class SqliteSession
{
    private const string InsertRecordSql =
        "INSERT INTO records (source, source_record_id, version, action, subject, type, area, occurred_at, reported_at, legal_basis, quantity, note) " +
        "VALUES ($a, $b, $c, $d, $e, $f, $g, $h, $i, $j, $k, $l) ON CONFLICT (source, source_record_id, version) DO NOTHING";

    private const string FindVersionSql =
        "SELECT subject, action, type, area, occurred_at, reported_at, legal_basis, quantity, note FROM records WHERE source = $a AND source_record_id = $b AND version = $c";

    private const string SubjectRecordsSql =
        "SELECT source, source_record_id, version, action, type, area, occurred_at, reported_at, legal_basis, quantity, note FROM records WHERE subject = $a";

    public bool TryInsertRecord(Record record) =>
        NonQuery(InsertRecordSql,
            record.Key.Source, record.Key.SourceRecordId, record.Version, (int)record.Action, record.Subject.Value, record.Type, (int)record.Area,
            record.OccurredAt.UtcTicks, record.ReportedAt.UtcTicks, record.LegalBasis, record.Quantity?.ToString(CultureInfo.InvariantCulture), record.Note) == 1;

    public StoredVersion? FindRecordVersion(RecordKey key, int version) =>
        Row(r => new StoredVersion(r.GetString(0), (RecordAction)r.GetInt32(1), r.GetString(2), (Area)r.GetInt32(3), Instant(r, 4), Instant(r, 5), MaybeText(r, 6), Quantity(r, 7), MaybeText(r, 8)),
            FindVersionSql, key.Source, key.SourceRecordId, version);

    public IReadOnlyList<Record> SubjectRecords(SubjectId subject) =>
        Rows(r => new Record(
                new RecordKey(r.GetString(0), r.GetString(1)),
                r.GetInt32(2),
                (RecordAction)r.GetInt32(3),
                subject,
                r.GetString(4),
                (Area)r.GetInt32(5),
                Instant(r, 6),
                Instant(r, 7),
                MaybeText(r, 8),
                Quantity(r, 9),
                MaybeText(r, 10)),
            SubjectRecordsSql, subject.Value);

    private static decimal? Quantity(SqliteDataReader r, int ordinal) =>
        r.IsDBNull(ordinal) ? null : decimal.Parse(r.GetString(ordinal), NumberStyles.Number, CultureInfo.InvariantCulture);
}
