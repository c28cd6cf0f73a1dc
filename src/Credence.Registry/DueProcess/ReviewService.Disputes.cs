using Credence.Core.DueProcess;
using Credence.Core.Identifiers;
using Credence.Registry.Access;
using Credence.Registry.State;
using Credence.Registry.Storage;

namespace Credence.Registry.DueProcess;

/// <summary>A reviewer's decision on a dispute the subject escalated.</summary>
public sealed partial class ReviewService
{
    /// <summary>The decision that upholds the source's verification.</summary>
    public const string Uphold = "uphold";

    /// <summary>The decision that finds the record wrong.</summary>
    public const string FoundWrong = "found-wrong";

    /// <summary>
    /// Decides an escalated dispute with a written reason: <c>uphold</c> (the verification stands; the
    /// dispute ends) or <c>found-wrong</c> (the dispute goes back to its source, which may now only
    /// correct or withdraw the record, before <see cref="DisputeDeadlines.RevocationDue"/>; the source
    /// sees it among its open disputes with that deadline, and if it stays silent the deadline resolves
    /// the dispute for the subject, removal and listings included). The decision is a ledgered case
    /// step and a notice; nothing about the record is written by the reviewer.
    /// </summary>
    /// <remarks>
    /// Implementation note: a finding flags the record from its instant (a type that does not count
    /// while disputed stops counting then), so the subject is re-scored in the same unit of work, which
    /// also stores the new deadline as the subject's review time.
    /// </remarks>
    public async Task<Outcome<StoredDispute>> DecideDisputeAsync(Principal reviewer, string disputeId, string? decision, string? reason, CancellationToken cancellationToken = default)
    {
        const string Action = "dispute.decide";
        if (await access.RequireAsync(reviewer, Action, null, cancellationToken, Role.Reviewer).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (OutsideText.First(OutsideText.Identifier("disputeId", disputeId), OutsideText.Identifier("decision", decision), OutsideText.Free("reason", reason)) is { } unreadable)
        {
            return unreadable;
        }

        if (string.IsNullOrWhiteSpace(decision))
        {
            return new RegistryProblem(ProblemTypes.MissingField, $"field 'decision' is required: {Uphold} or {FoundWrong}", "decision");
        }

        DisputeFinding finding;
        switch (decision.Trim().ToLowerInvariant())
        {
            case Uphold:
                finding = DisputeFinding.Upheld;
                break;
            case FoundWrong:
                finding = DisputeFinding.FoundWrong;
                break;
            default:
                return new RegistryProblem(ProblemTypes.BadValue, $"decision '{decision}' is not one of {Uphold}, {FoundWrong}", "decision");
        }

        await state.RefreshAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var schedule = await policies.CurrentAsync(cancellationToken).ConfigureAwait(false);
        var outcome = await store.WriteAsync<Outcome<StoredDispute>>(w =>
        {
            if (w.FindDispute(disputeId) is not { } stored || !SubjectIdentifiers.TryParse(stored.Subject, DateOnly.FromDateTime(now.UtcDateTime), out var id, allowList)
                || schedule.ActiveAt(id.Kind, now) is not { } policy)
            {
                return DisputeService.Refuse(w, reviewer, Action, null, now, new RegistryProblem(ProblemTypes.NotFound, $"there is no dispute {disputeId}"));
            }

            var decided = stored.ToDispute(id).Decide(reviewer.Name, finding, reason ?? string.Empty, now);
            if (!decided.IsAccepted)
            {
                return DisputeService.Refuse(w, reviewer, Action, stored.Subject, now, RegistryProblem.Refused(ProblemTypes.DisputeRefused, "the decision was not taken", decided.Refusals));
            }

            var dispute = decided.Accepted();
            var updated = StoredDispute.From(dispute, stored.PolicyTag, stored.AnswerVersion);
            w.UpdateDispute(updated);
            var wrong = finding == DisputeFinding.FoundWrong;
            CaseWork.Step(w, now, dispute.Id, CaseStep.Dispute, wrong ? "decided.found-wrong" : "decided.upheld", reviewer, stored.Subject, stored.Record,
                CaseWork.Detail(("decision", wrong ? FoundWrong : Uphold), ("reason", dispute.Escalation!.FindingReason), ("dueAt", wrong ? CaseWork.Text(dispute.DueAt) : null)));
            CaseWork.Notify(w, wrong ? NoticeComposer.DisputeFoundWrong(dispute, stored.PolicyTag) : NoticeComposer.DisputeUpheld(dispute, stored.PolicyTag));
            if (wrong)
            {
                SubjectScorer.Rescore(w, id, policy, $"record {stored.Record} was found wrong by a reviewer, and its type does not count while disputed");
            }

            return updated;
        }, cancellationToken).ConfigureAwait(false);
        if (outcome.IsOk && finding == DisputeFinding.FoundWrong)
        {
            wake.Set();
        }

        if (outcome.IsOk && changes is not null)
        {
            await changes.ChangedAsync(outcome.Value.Subject, cancellationToken).ConfigureAwait(false);
        }

        return outcome;
    }
}
