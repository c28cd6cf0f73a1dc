using Credence.Core.DueProcess;
using Credence.Core.Identifiers;
using Credence.Registry.Access;
using Credence.Registry.Policies;
using Credence.Registry.State;
using Credence.Registry.Storage;

namespace Credence.Registry.DueProcess;

/// <summary>
/// Reviewers: the queue of what needs a person, and the two decisions a reviewer makes, always with
/// a written reason the subject sees: on an appeal against a refused repair (grant it or uphold the
/// refusal), and on a dispute the subject escalated after its source verified it (uphold the
/// verification or find the record wrong, see <see cref="DecideDisputeAsync"/>). A reviewer has no
/// way to edit a record, answer a dispute for a source or grant an exemption: the only writes open
/// to the role are these decisions, each a ledgered case step.
/// </summary>
public sealed partial class ReviewService
{
    private const int Limit = 500;

    private readonly IRegistryStore store;
    private readonly TimeProvider clock;
    private readonly PolicyService policies;
    private readonly AccessRecorder access;
    private readonly StateService state;
    private readonly WakeSignal wake;
    private readonly IdentifierAllowList? allowList;
    private readonly Subjects.SubjectChanges? changes;

    public ReviewService(IRegistryStore store, TimeProvider clock, PolicyService policies, AccessRecorder access, StateService state, WakeSignal wake, IdentifierAllowList? allowList = null, Subjects.SubjectChanges? changes = null)
    {
        this.changes = changes;
        this.store = store;
        this.clock = clock;
        this.policies = policies;
        this.access = access;
        this.state = state;
        this.wake = wake;
        this.allowList = allowList;
    }

    /// <summary>
    /// What waits for a reviewer: appeals against refused repairs and escalated disputes, longest
    /// waiting first, each with the decisions open to the reviewer (the read is logged).
    /// </summary>
    public async Task<Outcome<IReadOnlyList<ReviewItem>>> QueueAsync(Principal reviewer, int limit, CancellationToken cancellationToken = default)
    {
        const string Action = "review.queue";
        if (await access.RequireAsync(reviewer, Action, null, cancellationToken, Role.Reviewer).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        await access.RecordAsync(AccessEvent.By(reviewer, clock.GetUtcNow(), Action, null, "review queue"), cancellationToken).ConfigureAwait(false);
        var take = Math.Clamp(limit, 1, Limit);
        return Outcome.Ok<IReadOnlyList<ReviewItem>>(await store.ReadAsync(r =>
            r.PendingAppeals(take).Select(a => r.FindRepair(a.RepairId) is { } refusal ? ReviewItem.For(a, refusal) : null).OfType<ReviewItem>()
                .Concat(r.EscalatedDisputes(take).Select(ReviewItem.For))
                .OrderBy(i => i.Since)
                .ThenBy(i => i.CaseId, StringComparer.Ordinal)
                .Take(take)
                .ToList(), cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Decides an appeal: <paramref name="grant"/> the repair (with effect from now) or uphold the refusal, with a written reason.</summary>
    public async Task<Outcome<StoredAppeal>> DecideAsync(Principal reviewer, string appealId, bool? grant, string? reason, CancellationToken cancellationToken = default)
    {
        const string Action = "appeal.decide";
        if (await access.RequireAsync(reviewer, Action, null, cancellationToken, Role.Reviewer).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (OutsideText.First(OutsideText.Identifier("appealId", appealId), OutsideText.Free("reason", reason)) is { } unreadable)
        {
            return unreadable;
        }

        if (grant is not { } granting)
        {
            return new RegistryProblem(ProblemTypes.MissingField, "field 'grant' is required: true grants the repair, false upholds the refusal", "grant");
        }

        var now = clock.GetUtcNow();
        var schedule = await policies.CurrentAsync(cancellationToken).ConfigureAwait(false);
        var outcome = await store.WriteAsync<Outcome<StoredAppeal>>(w =>
        {
            if (w.FindAppeal(appealId) is not { } stored || w.FindRepair(stored.RepairId) is not { } application
                || !SubjectIdentifiers.TryParse(stored.Subject, DateOnly.FromDateTime(now.UtcDateTime), out var id, allowList) || schedule.ActiveAt(id.Kind, now) is not { } policy)
            {
                return DisputeService.Refuse(w, reviewer, Action, null, now, new RegistryProblem(ProblemTypes.NotFound, $"there is no appeal {appealId}"));
            }

            var decided = stored.ToAppeal(application.Assessment).Decide(reviewer.Name, granting, reason ?? string.Empty, now);
            if (!decided.IsAccepted)
            {
                return DisputeService.Refuse(w, reviewer, Action, stored.Subject, now, RegistryProblem.Refused(ProblemTypes.AppealRefused, "the decision was not taken", decided.Refusals));
            }

            var appeal = decided.Accepted();
            var before = SubjectFiles.Load(w, id);
            var updated = StoredAppeal.From(appeal, application.Id, stored.Subject);
            w.UpdateAppeal(updated);
            CaseWork.Step(w, now, appeal.Id, CaseStep.Appeal, appeal.State == AppealState.Granted ? "granted" : "upheld", reviewer, stored.Subject, application.Record,
                CaseWork.Detail(("reason", appeal.Reason), ("repair", application.Id)));
            CaseWork.Notify(w, NoticeComposer.AppealDecided(id, appeal));
            if (appeal.Repair is { } repair && w.GrantRepair(application.Id, repair.EffectiveAt))
            {
                CaseWork.FileChanged(w, id, policy, before, now, $"appeal {appeal.Id}: repair of record {application.Record} granted", $"record {application.Record} was repaired on appeal");
            }

            return updated;
        }, cancellationToken).ConfigureAwait(false);

        // A granted appeal grants the repair: the subject's file changed.
        if (outcome.IsOk && changes is not null)
        {
            await changes.ChangedAsync(outcome.Value.Subject, cancellationToken).ConfigureAwait(false);
        }

        return outcome;
    }
}
