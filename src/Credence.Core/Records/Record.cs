using Credence.Core.Identifiers;

namespace Credence.Core.Records;

/// <summary>
/// One version of one adjudicated fact about one subject. Records are never edited in place: a
/// correction or withdrawal is a new version with a higher <see cref="Version"/> under the same
/// <see cref="Key"/>, and the earlier versions stay in the history.
/// </summary>
/// <param name="Key">Source and the source's own record id.</param>
/// <param name="Version">1 for the submission, then 2, 3, ... for each correction or withdrawal.</param>
/// <param name="Action">What this version does.</param>
/// <param name="Subject">Whom the fact is about.</param>
/// <param name="Type">The record type id from the policy catalogue.</param>
/// <param name="Area">The area of the fact; must match the record type's area.</param>
/// <param name="OccurredAt">When the fact happened (or the decision took effect).</param>
/// <param name="ReportedAt">When the source reported this version.</param>
/// <param name="LegalBasis">The decision, case reference or statute the fact rests on; required for negative types.</param>
/// <param name="Quantity">Optional amount (for per-unit points), in the unit the record type names.</param>
/// <param name="Note">Optional free text from the source (for corrections and withdrawals: the reason).</param>
public sealed record Record(
    RecordKey Key,
    int Version,
    RecordAction Action,
    SubjectId Subject,
    string Type,
    Area Area,
    DateTimeOffset OccurredAt,
    DateTimeOffset ReportedAt,
    string? LegalBasis,
    decimal? Quantity,
    string? Note = null)
{
    /// <summary>True when the record rests on a stated legal basis.</summary>
    public bool HasLegalBasis => !string.IsNullOrWhiteSpace(LegalBasis);
}
