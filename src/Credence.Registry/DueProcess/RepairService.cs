using Credence.Core.DueProcess;
using Credence.Core.Identifiers;
using Credence.Core.Records;
using Credence.Core.Scoring;
using Credence.Registry.Access;
using Credence.Registry.Policies;
using Credence.Registry.State;
using Credence.Registry.Storage;

namespace Credence.Registry.DueProcess;

/// <summary>
/// Repair: a subject applies to end a negative record's effect early, and the policy's repair rules
/// (<see cref="RepairAssessor"/>) decide at once. An eligible application is granted with effect
/// from that instant; an ineligible one is stored as refused, with every unmet criterion and the
/// date it can be met, and may be appealed once to a reviewer (<see cref="ReviewService"/>).
/// </summary>
public sealed class RepairService
{
    private readonly IRegistryStore store;
    private readonly TimeProvider clock;
    private readonly PolicyService policies;
    private readonly AccessRecorder access;
    private readonly StateService state;
    private readonly IdentifierAllowList? allowList;
    private readonly Subjects.SubjectChanges? changes;

    public RepairService(IRegistryStore store, TimeProvider clock, PolicyService policies, AccessRecorder access, StateService state, IdentifierAllowList? allowList = null, Subjects.SubjectChanges? changes = null)
    {
        this.changes = changes;
        this.store = store;
        this.clock = clock;
        this.policies = policies;
        this.access = access;
        this.state = state;
        this.allowList = allowList;
    }

    /// <summary>
    /// Applies to repair the subject's record <paramref name="source"/>/<paramref name="sourceRecordId"/>.
    /// Returns the granted application, or the problem <c>repair-refused</c> naming the stored refused
    /// application (its <see cref="RegistryProblem.CaseId"/>) and every unmet criterion.
    /// </summary>
    public async Task<Outcome<RepairApplication>> ApplyAsync(Principal subject, string? source, string? sourceRecordId, CancellationToken cancellationToken = default)
    {
        const string Action = "repair.apply";
        var own = await access.RequireOwnSubjectAsync(subject, Action, allowList, cancellationToken).ConfigureAwait(false);
        if (!own.IsOk)
        {
            return own.Problem;
        }

        var id = own.Value;
        if (string.IsNullOrWhiteSpace(source) || string.IsNullOrWhiteSpace(sourceRecordId))
        {
            var field = string.IsNullOrWhiteSpace(source) ? "source" : "sourceRecordId";
            return new RegistryProblem(ProblemTypes.MissingField, $"field '{field}' is required: the record to repair is named by its source and the source's id for it", field);
        }

        if (OutsideText.First(OutsideText.Identifier("source", source), OutsideText.Identifier("sourceRecordId", sourceRecordId)) is { } unreadable)
        {
            return unreadable;
        }

        await state.RefreshSubjectAsync(id, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        if (await policies.ActiveAtAsync(id.Kind, now, cancellationToken).ConfigureAwait(false) is not { } policy)
        {
            return new RegistryProblem(ProblemTypes.NoActivePolicy, $"no policy is active for {id.Kind.ToString().ToLowerInvariant()} subjects");
        }

        var key = new RecordKey(source.Trim(), sourceRecordId.Trim());
        var outcome = await store.WriteAsync<Outcome<RepairApplication>>(w =>
        {
            var file = SubjectFiles.Load(w, id);
            if (!file.Versions.Any(v => v.Key == key))
            {
                return DisputeService.Refuse(w, subject, Action, id.Value, now, new RegistryProblem(ProblemTypes.NotFound, $"there is no record {key} in your file", "sourceRecordId"));
            }

            var assessment = RepairAssessor.Assess(SubjectFacts.Compile(policy.Compiled, file), key, now);
            var application = new RepairApplication(Guid.CreateVersion7(now).ToString("D"), id.Value, now, assessment, assessment.Repair?.EffectiveAt);
            w.InsertRepair(application);
            CaseWork.Step(w, now, application.Id, CaseStep.Repair, assessment.Eligible ? "granted" : "refused", subject, id.Value, key,
                CaseWork.Detail(
                    ("unmet", string.Join(' ', assessment.Unmet.Select(u => u.Code))),
                    ("opensAt", assessment.OpensAt is { } opens ? CaseWork.Text(opens) : null),
                    ("fulfilledBy", assessment.FulfilledBy?.ToString()),
                    ("policy", assessment.PolicyVersion)));
            CaseWork.Notify(w, NoticeComposer.RepairDecided(id, assessment, application.Id));
            if (!assessment.Eligible)
            {
                return RegistryProblem.Refused(ProblemTypes.RepairRefused, $"repair of record {key} refused (application {application.Id}; it may be appealed once)", assessment.Unmet, application.Id);
            }

            CaseWork.FileChanged(w, id, policy, file, now, $"repair {application.Id} of record {key}", $"record {key} was repaired");
            return application;
        }, cancellationToken).ConfigureAwait(false);

        // A granted repair changes the file; a refused one stores only its application (told all the same: it costs little).
        if (changes is not null)
        {
            await changes.ChangedAsync(id.Value, cancellationToken).ConfigureAwait(false);
        }

        return outcome;
    }

    /// <summary>Appeals a refused repair application, once, to a reviewer.</summary>
    public async Task<Outcome<StoredAppeal>> AppealAsync(Principal subject, string repairId, string? grounds, CancellationToken cancellationToken = default)
    {
        const string Action = "repair.appeal";
        var own = await access.RequireOwnSubjectAsync(subject, Action, allowList, cancellationToken).ConfigureAwait(false);
        if (!own.IsOk)
        {
            return own.Problem;
        }

        if (OutsideText.First(OutsideText.Identifier("repairId", repairId), OutsideText.Free("grounds", grounds)) is { } unreadable)
        {
            return unreadable;
        }

        var id = own.Value;
        var now = clock.GetUtcNow();
        return await store.WriteAsync<Outcome<StoredAppeal>>(w =>
        {
            if (w.FindRepair(repairId) is not { } application || application.Subject != id.Value)
            {
                return DisputeService.Refuse(w, subject, Action, id.Value, now, new RegistryProblem(ProblemTypes.NotFound, $"you have no repair application {repairId}"));
            }

            var earlier = w.SubjectAppeals(id.Value)
                .Select(a => w.FindRepair(a.RepairId) is { } refusedApplication ? a.ToAppeal(refusedApplication.Assessment) : null)
                .OfType<Appeal>();
            var filed = Appeal.File(Guid.CreateVersion7(now).ToString("D"), application.Assessment, grounds ?? string.Empty, now, earlier);
            if (!filed.IsAccepted)
            {
                return DisputeService.Refuse(w, subject, Action, id.Value, now, RegistryProblem.Refused(ProblemTypes.AppealRefused, "the appeal was not filed", filed.Refusals));
            }

            var appeal = filed.Accepted();
            var stored = StoredAppeal.From(appeal, application.Id, id.Value);
            w.InsertAppeal(stored);
            CaseWork.Step(w, now, appeal.Id, CaseStep.Appeal, "filed", subject, id.Value, application.Record,
                CaseWork.Detail(("grounds", appeal.Grounds), ("repair", application.Id)));
            CaseWork.Notify(w, NoticeComposer.Appealed(id, appeal));
            return stored;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The subject's repair applications and appeals.</summary>
    public async Task<Outcome<(IReadOnlyList<RepairApplication> Repairs, IReadOnlyList<StoredAppeal> Appeals)>> ListOwnAsync(Principal subject, CancellationToken cancellationToken = default)
    {
        const string Action = "repairs.read";
        var own = await access.RequireOwnSubjectAsync(subject, Action, allowList, cancellationToken).ConfigureAwait(false);
        if (!own.IsOk)
        {
            return own.Problem;
        }

        var id = own.Value.Value;
        await access.RecordAsync(AccessEvent.By(subject, clock.GetUtcNow(), Action, id, "own repairs"), cancellationToken).ConfigureAwait(false);
        return await store.ReadAsync(r => (r.SubjectRepairs(id), r.SubjectAppeals(id)), cancellationToken).ConfigureAwait(false);
    }
}
