using System.Globalization;
using Credence.Core.Identifiers;
using Credence.Core.Records;
using Npgsql;

namespace Credence.Registry.Storage.Postgres;

/// <summary>Record versions.</summary>
internal sealed partial class PostgresSession
{
    private const string RecordColumns = "source, source_record_id, version, action, subject, type, area, occurred_at, reported_at, legal_basis, quantity, note";

    private const string InsertRecordSql =
        "INSERT INTO records (" + RecordColumns + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) " +
        "ON CONFLICT (source, source_record_id, version) DO NOTHING RETURNING id";

    private const string FindVersionSql =
        "SELECT subject, action, type, area, occurred_at, reported_at, legal_basis, quantity, note FROM records WHERE source = $1 AND source_record_id = $2 AND version = $3";

    private const string SubjectRecordsSql =
        "SELECT source, source_record_id, version, action, type, area, occurred_at, reported_at, legal_basis, quantity, note FROM records WHERE subject = $1 ORDER BY id";

    private const string LatestVersionSql =
        "SELECT version, subject, action, type, area, occurred_at, reported_at, legal_basis, quantity, note FROM records WHERE source = $1 AND source_record_id = $2 ORDER BY version DESC LIMIT 1";

    public bool TryInsertRecord(Record record)
    {
        var id = MaybeScalar(InsertRecordSql, RecordValues(record));
        if (id is null)
        {
            return false;
        }

        RecordInserted(record);
        return true;
    }

    /// <summary>A version's column values in the order of <see cref="RecordColumns"/>.</summary>
    private static object?[] RecordValues(Record r) =>
    [
        r.Key.Source, r.Key.SourceRecordId, r.Version, (int)r.Action, r.Subject.Value, r.Type, (int)r.Area,
        r.OccurredAt.UtcTicks, r.ReportedAt.UtcTicks, Text(r.LegalBasis), Text(QuantityText(r.Quantity)), Text(r.Note),
    ];

    private static string? QuantityText(decimal? quantity) => quantity?.ToString(CultureInfo.InvariantCulture);

    public StoredVersion? FindRecordVersion(RecordKey key, int version) =>
        Row(r => ReadVersion(r, 0), FindVersionSql, key.Source, key.SourceRecordId, version);

    public (int Version, StoredVersion Stored)? LatestRecordVersion(RecordKey key)
    {
        var row = Row(r => Tuple.Create(r.GetInt32(0), ReadVersion(r, 1)), LatestVersionSql, key.Source, key.SourceRecordId);
        return row is null ? null : (row.Item1, row.Item2);
    }

    public IReadOnlyList<Record> SubjectRecords(SubjectId subject)
    {
        if (ahead is { } a && a.Records.TryGetValue(subject.Value, out var known))
        {
            return [.. known];
        }

        if (RecordCache?.Find(subject.Value) is { } cached)
        {
            return cached;
        }

        var read = ReadSubjectRecords(subject);
        RecordCache?.Keep(subject.Value, read);
        return read;
    }

    private List<Record> ReadSubjectRecords(SubjectId subject) => RecordFileOrder.Sort(Rows(r => ReadSubjectRecord(r, subject), SubjectRecordsSql, subject.Value));

    /// <summary>A row of <see cref="SubjectRecordsSql"/>.</summary>
    private static Record ReadSubjectRecord(NpgsqlDataReader r, SubjectId subject) =>
        new(
            new RecordKey(r.GetString(0), r.GetString(1)),
            r.GetInt32(2),
            (RecordAction)r.GetInt32(3),
            subject,
            r.GetString(4),
            (Area)r.GetInt32(5),
            Instant(r, 6),
            Instant(r, 7),
            MaybeText(r, 8),
            Quantity(MaybeText(r, 9)),
            MaybeText(r, 10));

    private static StoredVersion ReadVersion(NpgsqlDataReader r, int o) =>
        new(r.GetString(o), (RecordAction)r.GetInt32(o + 1), r.GetString(o + 2), (Area)r.GetInt32(o + 3), Instant(r, o + 4), Instant(r, o + 5),
            MaybeText(r, o + 6), Quantity(MaybeText(r, o + 7)), MaybeText(r, o + 8));

    private static decimal? Quantity(string? text) =>
        text is null ? null : decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);
}
