using System.Globalization;
using Credence.Core.Identifiers;
using Credence.Core.Records;

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

    public bool TryInsertRecord(Record record)
    {
        var inserted = InsertRecord(record);
        if (inserted)
        {
            recordCache?.Added(record);
        }

        return inserted;
    }

    private bool InsertRecord(Record record)
    {
        var values = RecordColumns(record);
        if (Raw(InsertRecordSql).BindAll(values).Execute() != 1)
        {
            return false;
        }

        Ledgered(Credence.Registry.Ledger.LedgeredRow.Of(record));
        return true;
    }

    /// <summary>A version's column values in the order of <see cref="InsertRecordSql"/>.</summary>
    private static object?[] RecordColumns(Record r) =>
    [
        r.Key.Source, r.Key.SourceRecordId, (long)r.Version, (long)r.Action, r.Subject.Value, r.Type, (long)r.Area,
        r.OccurredAt.UtcTicks, r.ReportedAt.UtcTicks, r.LegalBasis, r.Quantity?.ToString(CultureInfo.InvariantCulture), r.Note,
    ];

    public StoredVersion? FindRecordVersion(RecordKey key, int version)
    {
        var s = Raw(FindVersionSql).Bind(1, key.Source).Bind(2, key.SourceRecordId).Bind(3, version);
        try
        {
            return s.Step()
                ? new StoredVersion(s.Text(0), (RecordAction)s.Int32(1), s.Text(2), (Area)s.Int32(3), s.Instant(4), s.Instant(5), s.MaybeText(6), Quantity(s.MaybeText(7)), s.MaybeText(8))
                : null;
        }
        finally
        {
            s.Reset();
        }
    }

    public IReadOnlyList<Record> SubjectRecords(SubjectId subject)
    {
        if (recordCache is null)
        {
            return ReadSubjectRecords(subject);
        }

        if (recordCache.Find(subject.Value) is { } cached)
        {
            return cached;
        }

        var records = ReadSubjectRecords(subject);
        recordCache.Keep(subject.Value, records);
        return records;
    }

    private List<Record> ReadSubjectRecords(SubjectId subject)
    {
        var s = Raw(SubjectRecordsSql).Bind(1, subject.Value);
        var records = new List<Record>();
        try
        {
            while (s.Step())
            {
                records.Add(RecordRow(s, subject));
            }
        }
        finally
        {
            s.Reset();
        }

        return RecordFileOrder.Sort(records);
    }

    /// <summary>A version from a row whose first eleven columns are those of <see cref="SubjectRecordsSql"/>.</summary>
    private static Record RecordRow(RawStatement s, SubjectId subject) =>
        new(
            new RecordKey(s.Text(0), s.Text(1)),
            s.Int32(2),
            (RecordAction)s.Int32(3),
            subject,
            s.Text(4),
            (Area)s.Int32(5),
            s.Instant(6),
            s.Instant(7),
            s.MaybeText(8),
            Quantity(s.MaybeText(9)),
            s.MaybeText(10));

    private static decimal? Quantity(string? text) =>
        text is null ? null : decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);
}
