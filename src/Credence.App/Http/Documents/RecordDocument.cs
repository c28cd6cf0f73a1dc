using Credence.Core.Records;

namespace Credence.App.Http.Documents;

/// <summary>One stored record version, flat, as its subject reads it.</summary>
internal sealed record RecordDocument(
    string Source,
    string SourceRecordId,
    int Version,
    RecordAction Action,
    string Type,
    Area Area,
    DateTimeOffset Occurred,
    DateTimeOffset Reported,
    string? LegalBasis,
    decimal? Quantity,
    string? Note)
{
    public static RecordDocument From(Record r) =>
        new(r.Key.Source, r.Key.SourceRecordId, r.Version, r.Action, r.Type, r.Area, r.OccurredAt, r.ReportedAt, r.LegalBasis, r.Quantity, r.Note);
}
