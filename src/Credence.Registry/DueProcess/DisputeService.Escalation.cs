using Credence.Core.DueProcess;
using Credence.Core.Identifiers;
using Credence.Registry.Access;
using Credence.Registry.Storage;

namespace Credence.Registry.DueProcess;

/// <summary>The subject's escalation of a verified dispute to a reviewer.</summary>
public sealed partial class DisputeService
{
    /// <summary>
    /// Escalates the subject's verified dispute to a reviewer, once, with its reason, within
    /// <see cref="DisputeDeadlines.EscalationDays"/> days of the verification. The verification stands
    /// (and the record counts as its type says) until a reviewer decides; the escalation is a ledgered
    /// case step and a notice. Another subject's dispute is not found.
    /// </summary>
    public async Task<Outcome<StoredDispute>> EscalateAsync(Principal subject, string disputeId, string? reason, CancellationToken cancellationToken = default)
    {
        const string Action = "dispute.escalate";
        var own = await access.RequireOwnSubjectAsync(subject, Action, allowList, cancellationToken).ConfigureAwait(false);
        if (!own.IsOk)
        {
            return own.Problem;
        }

        if (OutsideText.First(OutsideText.Identifier("disputeId", disputeId), OutsideText.Free("reason", reason)) is { } unreadable)
        {
            return unreadable;
        }

        var id = own.Value;
        await state.RefreshSubjectAsync(id, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var outcome = await store.WriteAsync<Outcome<StoredDispute>>(w =>
        {
            // Implementation note: another subject's dispute answers as unknown, so that its existence is not revealed.
            if (w.FindDispute(disputeId) is not { } stored || stored.Subject != id.Value)
            {
                return Refuse(w, subject, Action, id.Value, now, new RegistryProblem(ProblemTypes.NotFound, $"there is no dispute {disputeId} of yours"));
            }

            var escalated = stored.ToDispute(id).Escalate(reason ?? string.Empty, now);
            if (!escalated.IsAccepted)
            {
                return Refuse(w, subject, Action, id.Value, now, RegistryProblem.Refused(ProblemTypes.DisputeRefused, "the dispute was not escalated", escalated.Refusals));
            }

            var dispute = escalated.Accepted();
            var updated = StoredDispute.From(dispute, stored.PolicyTag, stored.AnswerVersion);
            w.UpdateDispute(updated);
            CaseWork.Step(w, now, dispute.Id, CaseStep.Dispute, "escalated", subject, id.Value, stored.Record,
                CaseWork.Detail(("reason", dispute.Escalation!.Reason), ("verifiedAt", stored.ClosedAt is { } v ? CaseWork.Text(v) : null)));
            CaseWork.Notify(w, NoticeComposer.DisputeEscalated(dispute, stored.PolicyTag));
            return updated;
        }, cancellationToken).ConfigureAwait(false);
        await ChangedAsync(outcome, cancellationToken).ConfigureAwait(false);
        return outcome;
    }
}
