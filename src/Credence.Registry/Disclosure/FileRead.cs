using Credence.Registry.Access;

namespace Credence.Registry.Disclosure;

/// <summary>
/// One logged read of (or write to) a subject's file, as the subject sees it on "who read my file": who
/// (by name and kind), when, why (the stated purpose; for a decision the measure asked about), and what.
/// </summary>
/// <param name="Reader">The principal's name (never its key), or <c>registry</c> for the registry's own steps.</param>
/// <param name="Action">What was done (<c>subject.read</c>, <c>decision</c>, <c>share.use</c>, <c>record.reported</c>, <c>dispute.answered.withdraw</c>, ...).</param>
/// <param name="Purpose">The purpose the reader stated, if any.</param>
/// <param name="Measure">For a decision: the capability the relying party asked about.</param>
/// <param name="Allowed">For a decision: its answer.</param>
/// <param name="Record">The record concerned (<c>source/id</c>), for record writes and case steps.</param>
/// <param name="RecordType">For a record write: the record's type.</param>
/// <param name="ShareId">For a share-code use: the share used.</param>
/// <param name="SharePurpose">For a share-code use: the purpose the subject gave the share when making it.</param>
/// <param name="Detail">The log's own detail line (English, for the record).</param>
public sealed record FileRead(
    DateTimeOffset At,
    string Reader,
    ReaderKind Kind,
    string Action,
    string? Purpose,
    string? Measure,
    bool? Allowed,
    string? Record,
    string? RecordType,
    long? ShareId,
    string? SharePurpose,
    AccessOutcome Outcome,
    string? Detail);
