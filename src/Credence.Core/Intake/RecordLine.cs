namespace Credence.Core.Intake;

/// <summary>
/// The wire form of one record version, as sources submit it (JSON object, one per NDJSON line) and
/// as <c>credence score --records</c> reads it. Field names are camelCase in JSON.
/// </summary>
/// <param name="Subject">The subject's identifier (resident identity number or Unified Social Credit Code).</param>
/// <param name="Type">Record type id from the policy catalogue.</param>
/// <param name="Area">administrative, commercial, social or judicial.</param>
/// <param name="Occurred">ISO 8601 instant with offset, e.g. <c>2025-03-01T00:00:00Z</c>.</param>
/// <param name="Reported">ISO 8601 instant; at intake the registry stamps it, offline it defaults to <paramref name="Occurred"/>.</param>
/// <param name="Source">The reporting source's id; at intake the registry takes it from the source's key.</param>
/// <param name="SourceRecordId">The source's own id for the record (idempotency key).</param>
/// <param name="LegalBasis">Decision or case reference; required for record types that lower a score.</param>
/// <param name="Quantity">Optional amount in the unit the record type names.</param>
/// <param name="Version">1 for a submission; a correction or withdrawal names the version it creates.</param>
/// <param name="Action">submitted (default), corrected or withdrawn.</param>
/// <param name="Note">Free text; the reason for a correction or withdrawal.</param>
public sealed record RecordLine(
    string? Subject,
    string? Type,
    string? Area,
    string? Occurred,
    string? Reported,
    string? Source,
    string? SourceRecordId,
    string? LegalBasis,
    decimal? Quantity,
    int? Version,
    string? Action,
    string? Note);
