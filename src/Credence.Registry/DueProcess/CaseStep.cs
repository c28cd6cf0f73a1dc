namespace Credence.Registry.DueProcess;

/// <summary>
/// One step of a dispute, repair application or appeal: an immutable row with a ledger entry
/// committed in the same transaction, which the subject sees in its file.
/// </summary>
/// <param name="CaseKind"><c>dispute</c>, <c>repair</c> or <c>appeal</c>.</param>
/// <param name="Step">e.g. <c>opened</c>, <c>answered.withdraw</c>, <c>resolved-for-subject</c>, <c>granted</c>, <c>refused</c>, <c>filed</c>, <c>upheld</c>.</param>
/// <param name="ActorId">The acting principal's id; null for the registry itself (a deadline passing).</param>
/// <param name="Actor">The acting principal's name, or <c>registry</c>.</param>
/// <param name="Record">The record concerned, as <c>source/id</c>.</param>
/// <param name="Detail">A JSON object with what the step said (reason, answer, criteria).</param>
public sealed record CaseStep(
    long Id,
    DateTimeOffset At,
    string CaseId,
    string CaseKind,
    string Step,
    long? ActorId,
    string Actor,
    string Subject,
    string Record,
    string Detail)
{
    public const string Dispute = "dispute";
    public const string Repair = "repair";
    public const string Appeal = "appeal";

    /// <summary>The actor named for steps the registry takes by itself.</summary>
    public const string Registry = "registry";
}
