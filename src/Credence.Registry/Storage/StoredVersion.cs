using Credence.Core.Records;

namespace Credence.Registry.Storage;

/// <summary>What a stored record version says, for idempotency and correction checks.</summary>
public sealed record StoredVersion(
    string Subject,
    RecordAction Action,
    string Type,
    Area Area,
    DateTimeOffset OccurredAt,
    DateTimeOffset ReportedAt,
    string? LegalBasis,
    decimal? Quantity,
    string? Note)
{
    /// <summary>
    /// True when <paramref name="record"/> says the same as this version. The report time is not
    /// compared: the registry stamps it, so a source resending a record gets a later one.
    /// </summary>
    public bool SamePayload(Record record) =>
        record.Subject.Value == Subject && record.Action == Action && record.Type == Type && record.Area == Area
        && record.OccurredAt.UtcTicks == OccurredAt.UtcTicks && record.LegalBasis == LegalBasis
        && record.Quantity == Quantity && record.Note == Note;
}
