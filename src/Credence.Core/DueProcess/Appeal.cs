using System.Collections.Immutable;
using Credence.Core.Records;

namespace Credence.Core.DueProcess;

/// <summary>
/// An appeal against a refused repair, to a reviewer. Each refusal may be appealed once; the
/// reviewer decides with a written reason, and nothing else enters the decision.
/// </summary>
/// <param name="Refusal">The refused assessment appealed against.</param>
/// <param name="Grounds">The subject's grounds.</param>
/// <param name="FiledAt">When the subject appealed.</param>
/// <param name="Reviewer">Who decided, once decided.</param>
/// <param name="Reason">The reviewer's written reason, once decided.</param>
/// <param name="DecidedAt">When the reviewer decided.</param>
public sealed record Appeal(
    string Id,
    RepairAssessment Refusal,
    string Grounds,
    DateTimeOffset FiledAt,
    AppealState State,
    string? Reviewer,
    string? Reason,
    DateTimeOffset? DecidedAt)
{
    /// <summary>The record the repair was refused for.</summary>
    public RecordKey Record => Refusal.Record;

    /// <summary>The repair a granting reviewer orders; null otherwise.</summary>
    public RecordRepair? Repair => State == AppealState.Granted && DecidedAt is { } at ? new RecordRepair(Record, at) : null;

    /// <summary>
    /// Files an appeal. Refused when the assessment was not a refusal, when it was already appealed,
    /// when it is filed before the refusal, or without grounds.
    /// </summary>
    /// <param name="appeals">Appeals already filed, to allow one per refusal (a refusal is identified by its record and instant).</param>
    public static Outcome<Appeal> File(string id, RepairAssessment refusal, string grounds, DateTimeOffset at, IEnumerable<Appeal> appeals)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        var refusals = new List<Refusal>();
        if (refusal.Eligible)
        {
            refusals.Add(new Refusal("not-refused", $"the repair of {refusal.Record} was granted; there is nothing to appeal"));
        }

        if (appeals.FirstOrDefault(a => a.Record == refusal.Record && a.Refusal.At == refusal.At) is { } earlier)
        {
            refusals.Add(new Refusal("already-appealed", $"this refusal was already appealed ({earlier.Id}, filed {earlier.FiledAt:u}); a refusal may be appealed once"));
        }

        if (at < refusal.At)
        {
            refusals.Add(new Refusal("before-refusal", $"the refusal was made on {refusal.At:u}"));
        }

        if (Intake.BlankText.IsBlank(grounds))
        {
            refusals.Add(new Refusal("grounds-required", "an appeal needs the subject's grounds"));
        }

        return refusals.Count > 0
            ? Outcome.Refuse<Appeal>(refusals)
            : Outcome.Accept(new Appeal(id, refusal, grounds.Trim(), at, AppealState.Pending, null, null, null));
    }

    /// <summary>
    /// The reviewer's decision. Refused without a reviewer or a written reason, when already decided,
    /// or before the appeal was filed.
    /// </summary>
    public Outcome<Appeal> Decide(string reviewer, bool grant, string reason, DateTimeOffset at)
    {
        var refusals = new List<Refusal>();
        if (State != AppealState.Pending)
        {
            refusals.Add(new Refusal("already-decided", $"appeal {Id} was decided ({State}) on {DecidedAt:u}"));
        }

        if (string.IsNullOrWhiteSpace(reviewer))
        {
            refusals.Add(new Refusal("reviewer-required", "an appeal is decided by a named reviewer"));
        }

        if (Intake.BlankText.IsBlank(reason))
        {
            refusals.Add(new Refusal("reason-required", "the reviewer's decision needs a written reason"));
        }

        if (at < FiledAt)
        {
            refusals.Add(new Refusal("before-filed", $"the appeal was filed on {FiledAt:u}"));
        }

        return refusals.Count > 0
            ? Outcome.Refuse<Appeal>(refusals)
            : Outcome.Accept(this with { State = grant ? AppealState.Granted : AppealState.Upheld, Reviewer = reviewer.Trim(), Reason = reason.Trim(), DecidedAt = at });
    }

    /// <summary>The unmet criteria the appeal was about.</summary>
    public ImmutableArray<Refusal> Unmet => Refusal.Unmet;
}
