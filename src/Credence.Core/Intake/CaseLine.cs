namespace Credence.Core.Intake;

/// <summary>
/// The wire form of one due-process event in a records file (an NDJSON line with an <c>event</c>
/// field; record versions have none). Field names are camelCase in JSON.
/// </summary>
/// <param name="Event">
/// <c>dispute.opened</c> (subject, source, sourceRecordId, dispute, at, due),
/// <c>dispute.answered</c> (dispute, at, answer: verify, correct or withdraw; a correction or
/// withdrawal is also a record version line reported at the same instant),
/// <c>dispute.resolved-for-subject</c> (dispute, at: the deadline),
/// <c>dispute.escalated</c> (dispute, at), <c>dispute.decided</c> (dispute, at, finding: upheld or
/// found-wrong), or <c>repair.granted</c> (subject, source, sourceRecordId, at: when the effect ends; repair optional).
/// </param>
/// <param name="Dispute">The dispute's id, shared by its events.</param>
/// <param name="Repair">The repair application's id (optional).</param>
/// <param name="At">When the event happened (ISO 8601 instant with an offset).</param>
/// <param name="Due">For an opening: the first instant at which the source is too late to answer.</param>
/// <param name="Reason">The reason given with the event (optional; the registry always has one).</param>
public sealed record CaseLine(
    string? Event,
    string? Subject,
    string? Source,
    string? SourceRecordId,
    string? Dispute,
    string? Repair,
    string? At,
    string? Due,
    string? Answer,
    string? Finding,
    string? Reason);
