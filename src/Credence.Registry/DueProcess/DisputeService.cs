using System.Globalization;
using Credence.Core.DueProcess;
using Credence.Core.Identifiers;
using Credence.Core.Intake;
using Credence.Core.Records;
using Credence.Registry.Access;
using Credence.Registry.Intake;
using Credence.Registry.Policies;
using Credence.Registry.State;
using Credence.Registry.Storage;

namespace Credence.Registry.DueProcess;

/// <summary>
/// Disputes: a subject contests one of its records, which is flagged at once (it counts or not
/// while disputed as its type says); the record's source answers (verify, correct or withdraw, with
/// a reason) before the deadline of the policy's profile, or the dispute is resolved for the
/// subject at the deadline (<see cref="DueTransitions"/>). Each step is a ledgered case step and a
/// notice, in the same transaction as its effect on the subject's outcome.
/// </summary>
/// <remarks>
/// Implementation note: a dispute is decided by rules: the source that adjudicated the fact must
/// answer with a reason, and silence resolves it for the subject. A person enters only when the
/// subject escalates a verification (<see cref="EscalateAsync"/>, once, within 30 days): the
/// reviewer (<see cref="ReviewService.DecideDisputeAsync"/>) upholds it or finds the record wrong,
/// and even then never writes the record: a finding sends the dispute back to its source to correct
/// or withdraw within 3 working days, after which the ordinary deadline resolves it for the subject.
/// </remarks>
public sealed partial class DisputeService
{
    /// <summary>The access action whose latest event is the subject's free annual disclosure (FCRA 45-day deadline).</summary>
    public const string DisclosureAction = "disclosure.download";

    private const int Limit = 500;

    private readonly IRegistryStore store;
    private readonly TimeProvider clock;
    private readonly PolicyService policies;
    private readonly AccessRecorder access;
    private readonly StateService state;
    private readonly IntakeService intake;
    private readonly WakeSignal wake;
    private readonly IdentifierAllowList? allowList;
    private readonly Subjects.SubjectChanges? changes;

    public DisputeService(IRegistryStore store, TimeProvider clock, PolicyService policies, AccessRecorder access, StateService state, IntakeService intake, WakeSignal wake, IdentifierAllowList? allowList = null, Subjects.SubjectChanges? changes = null)
    {
        this.changes = changes;
        this.store = store;
        this.clock = clock;
        this.policies = policies;
        this.access = access;
        this.state = state;
        this.intake = intake;
        this.wake = wake;
        this.allowList = allowList;
    }

    /// <summary>Opens a dispute of the subject's record <paramref name="source"/>/<paramref name="sourceRecordId"/>.</summary>
    public Task<Outcome<StoredDispute>> OpenAsync(Principal subject, string? source, string? sourceRecordId, string? reason, string? evidence, CancellationToken cancellationToken = default) =>
        OpenAsync(subject, source, sourceRecordId, reason, evidence, [], cancellationToken);

    /// <summary>
    /// Opens a dispute with evidence <paramref name="files"/> (at most <see cref="Evidence.EvidenceRules.MaxFiles"/>):
    /// every file is checked before anything is stored, and the files are stored with the dispute,
    /// each file's SHA-256 in its ledgered <c>opened</c> step.
    /// </summary>
    public async Task<Outcome<StoredDispute>> OpenAsync(Principal subject, string? source, string? sourceRecordId, string? reason, string? evidence, IReadOnlyList<Evidence.EvidenceUpload> files, CancellationToken cancellationToken = default)
    {
        const string Action = "dispute.open";
        var own = await access.RequireOwnSubjectAsync(subject, Action, allowList, cancellationToken).ConfigureAwait(false);
        if (!own.IsOk)
        {
            return own.Problem;
        }

        var id = own.Value;

        if (string.IsNullOrWhiteSpace(source) || string.IsNullOrWhiteSpace(sourceRecordId))
        {
            var field = string.IsNullOrWhiteSpace(source) ? "source" : "sourceRecordId";
            return new RegistryProblem(ProblemTypes.MissingField, $"field '{field}' is required: the record disputed is named by its source and the source's id for it", field);
        }

        if (OutsideText.First(OutsideText.Identifier("source", source), OutsideText.Identifier("sourceRecordId", sourceRecordId), OutsideText.Free("reason", reason), OutsideText.Free("evidence", evidence)) is { } unreadable)
        {
            return unreadable;
        }

        var checkedFiles = CheckEvidence(files, already: 0);
        if (!checkedFiles.IsOk)
        {
            return checkedFiles.Problem;
        }

        await state.RefreshSubjectAsync(id, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        if (await policies.ActiveAtAsync(id.Kind, now, cancellationToken).ConfigureAwait(false) is not { } policy)
        {
            return new RegistryProblem(ProblemTypes.NoActivePolicy, $"no policy is active for {id.Kind.ToString().ToLowerInvariant()} subjects");
        }

        var key = new RecordKey(source.Trim(), sourceRecordId.Trim());
        var disclosedAt = await store.ReadAsync(r => r.LastAccess(id.Value, DisclosureAction), cancellationToken).ConfigureAwait(false);
        var outcome = await store.WriteAsync<Outcome<StoredDispute>>(w =>
        {
            if (LatestVersion(w, key, id) is not { } record)
            {
                return Refuse(w, subject, Action, id.Value, now, new RegistryProblem(ProblemTypes.NotFound, $"there is no record {key}", "sourceRecordId"));
            }

            var opened = Dispute.Open(Guid.CreateVersion7(now).ToString("D"), policy.Policy, id, record, reason ?? string.Empty, Trim(evidence), now, SubjectFiles.Disputes(w, id), disclosedAt);
            if (!opened.IsAccepted)
            {
                return Refuse(w, subject, Action, id.Value, now, RegistryProblem.Refused(ProblemTypes.DisputeRefused, "the dispute was not opened", opened.Refusals));
            }

            var dispute = opened.Accepted();
            var stored = StoredDispute.From(dispute, policy.Tag);
            var counts = policy.Policy.FindRecordType(record.Type)?.CountsWhileDisputed ?? false;
            w.InsertDispute(stored);
            var detail = CaseWork.Detail(("reason", dispute.Reason), ("evidence", dispute.Evidence), ("dueAt", CaseWork.Text(dispute.DueAt)), ("countsWhileDisputed", counts ? "true" : "false"));
            StoreEvidence(w, dispute.Id, checkedFiles.Value, 0, now, subject, detail);
            CaseWork.Step(w, now, dispute.Id, CaseStep.Dispute, "opened", subject, id.Value, key, detail);
            CaseWork.Notify(w, NoticeComposer.DisputeOpened(dispute, policy.Tag, counts));
            SubjectScorer.Rescore(w, id, policy, $"record {key} is disputed, and its type does not count while disputed");
            return stored;
        }, cancellationToken).ConfigureAwait(false);
        wake.Set();
        await ChangedAsync(outcome, cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    /// <summary>The subject's own disputes, oldest first.</summary>
    public async Task<Outcome<IReadOnlyList<StoredDispute>>> ListOwnAsync(Principal subject, CancellationToken cancellationToken = default)
    {
        const string Action = "disputes.read";
        var own = await access.RequireOwnSubjectAsync(subject, Action, allowList, cancellationToken).ConfigureAwait(false);
        if (!own.IsOk)
        {
            return own.Problem;
        }

        var id = own.Value;
        await state.RefreshSubjectAsync(id, cancellationToken).ConfigureAwait(false);
        await access.RecordAsync(AccessEvent.By(subject, clock.GetUtcNow(), Action, id.Value, "own disputes"), cancellationToken).ConfigureAwait(false);
        return Outcome.Ok(await store.ReadAsync(r => r.SubjectDisputes(id.Value), cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// A source's disputes: the open ones it must answer, most urgent first, or (<paramref name="closed"/>)
    /// the closed ones, latest first, where the source is told of those resolved for the subject.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<StoredDispute>>> ListForSourceAsync(Principal source, bool closed, int limit, CancellationToken cancellationToken = default)
    {
        const string Action = "disputes.read";
        if (await access.RequireAsync(source, Action, null, cancellationToken, Role.Source).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        await state.RefreshAsync(cancellationToken).ConfigureAwait(false);
        await access.RecordAsync(AccessEvent.By(source, clock.GetUtcNow(), Action, null, closed ? "closed disputes" : "open disputes"), cancellationToken).ConfigureAwait(false);
        return Outcome.Ok(await store.ReadAsync(r => r.SourceDisputes(source.Name, !closed, Math.Clamp(limit, 1, Limit)), cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// The source's answer: <c>verify</c>, <c>correct</c> (with the corrected version as a record
    /// line) or <c>withdraw</c> (the withdrawal version is made from the latest one when no line is
    /// given), with a reason. A new version goes through intake's rules and is stored in the same
    /// transaction as the answer, the re-scoring and the marks of the decisions it turns around.
    /// </summary>
    public async Task<Outcome<StoredDispute>> AnswerAsync(Principal source, string disputeId, string? answer, string? reason, RecordLine? version, CancellationToken cancellationToken = default)
    {
        const string Action = "dispute.answer";
        if (await access.RequireAsync(source, Action, null, cancellationToken, Role.Source).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(answer))
        {
            return new RegistryProblem(ProblemTypes.MissingField, "field 'answer' is required: verify, correct or withdraw", "answer");
        }

        // A withdrawal's reason becomes the note of the record version it writes: the same characters are refused.
        if (OutsideText.First(OutsideText.Identifier("disputeId", disputeId), OutsideText.Identifier("answer", answer), OutsideText.Free("reason", reason)) is { } unreadable)
        {
            return unreadable;
        }

        DisputeAnswerKind kind;
        switch (answer.Trim().ToLowerInvariant())
        {
            case "verify":
                kind = DisputeAnswerKind.Verify;
                break;
            case "correct":
                kind = DisputeAnswerKind.Correct;
                break;
            case "withdraw":
                kind = DisputeAnswerKind.Withdraw;
                break;
            default:
                return new RegistryProblem(ProblemTypes.BadValue, $"answer '{answer}' is not one of verify, correct, withdraw", "answer");
        }

        await state.RefreshAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var schedule = await policies.CurrentAsync(cancellationToken).ConfigureAwait(false);
        Candidate? candidate = null;
        if (version is not null)
        {
            var (problem, checkedLine) = intake.CheckOne(source, version, schedule, now);
            if (problem is not null)
            {
                return new RegistryProblem(problem.Type, $"the record version of the answer was refused: {problem.Message}", "record." + problem.Field);
            }

            candidate = checkedLine;
        }

        var outcome = await store.WriteAsync<Outcome<StoredDispute>>(w =>
        {
            if (w.FindDispute(disputeId) is not { } stored || !SubjectIdentifiers.TryParse(stored.Subject, Today(now), out var id, allowList) || schedule.ActiveAt(id.Kind, now) is not { } policy)
            {
                return Refuse(w, source, Action, null, now, new RegistryProblem(ProblemTypes.NotFound, $"there is no dispute {disputeId}"));
            }

            var before = SubjectFiles.Load(w, id);
            var latest = before.Versions.LastOrDefault(v => v.Key == stored.Record);
            var newVersion = candidate?.Record
                ?? (kind == DisputeAnswerKind.Withdraw && latest is { Action: not RecordAction.Withdrawn }
                    ? latest with { Version = latest.Version + 1, Action = RecordAction.Withdrawn, ReportedAt = now, Note = Trim(reason) }
                    : null);
            var responded = stored.ToDispute(id).Respond(source.Name, new DisputeAnswer(kind, reason ?? string.Empty, newVersion), now);
            if (!responded.IsAccepted)
            {
                // Another source's dispute answers exactly as a dispute that does not exist: a source learns
                // nothing about disputes of records it did not report (the refusal is still logged on the subject).
                var problem = responded.Refusals.Any(r => r.Code == "not-record-source")
                    ? new RegistryProblem(ProblemTypes.NotFound, $"there is no dispute {disputeId}")
                    : RegistryProblem.Refused(ProblemTypes.DisputeRefused, "the answer was not taken", responded.Refusals);
                return Refuse(w, source, Action, stored.Subject, now, problem);
            }

            if (newVersion is not null)
            {
                var fate = IntakeWork.Store(w, candidate ?? new Candidate(0, 1, newVersion, policy));
                if (fate.Problem is { } rejected)
                {
                    return Refuse(w, source, Action, stored.Subject, now, new RegistryProblem(rejected.Type, $"the record version of the answer was refused: {rejected.Message}", "record." + rejected.Field));
                }
            }

            var dispute = responded.Accepted();
            var updated = StoredDispute.From(dispute, stored.PolicyTag, newVersion?.Version);
            w.UpdateDispute(updated);
            var step = "answered." + kind.ToString().ToLowerInvariant();
            CaseWork.Step(w, now, dispute.Id, CaseStep.Dispute, step, source, stored.Subject, stored.Record,
                CaseWork.Detail(("answer", kind.ToString().ToLowerInvariant()), ("reason", dispute.Answer!.Reason), ("version", newVersion?.Version.ToString(CultureInfo.InvariantCulture))));
            CaseWork.Notify(w, NoticeComposer.DisputeAnswered(dispute, stored.PolicyTag));
            var what = kind == DisputeAnswerKind.Verify ? "verified" : kind == DisputeAnswerKind.Correct ? "corrected" : "withdrew";
            CaseWork.FileChanged(w, id, policy, before, now,
                $"dispute {dispute.Id}: {source.Name} {what} record {stored.Record} ({dispute.Answer.Reason})",
                $"{source.Name} {what} record {stored.Record}: {dispute.Answer.Reason}");
            return updated;
        }, cancellationToken).ConfigureAwait(false);
        wake.Set();
        await ChangedAsync(outcome, cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    /// <summary>Tells the holders of the subject's file that a dispute step was taken (its flags, maybe a record version, changed).</summary>
    private Task ChangedAsync(Outcome<StoredDispute> outcome, CancellationToken cancellationToken) =>
        outcome.IsOk && changes is not null ? changes.ChangedAsync(outcome.Value.Subject, cancellationToken) : Task.CompletedTask;

    /// <summary>The latest version of one of the asker's own records as a Core record, or null when there is none.</summary>
    /// <remarks>
    /// Implementation note: another subject's record is null too, exactly as a record that does not
    /// exist, so that disputing it answers <c>not-found</c> with the same detail and reveals nothing.
    /// </remarks>
    private static Record? LatestVersion(IRegistryReader reader, RecordKey key, SubjectId asker)
    {
        if (reader.LatestRecordVersion(key) is not { } head || head.Stored.Subject != asker.Value)
        {
            return null;
        }

        var (version, v) = head;
        return new Record(key, version, v.Action, asker, v.Type, v.Area, v.OccurredAt, v.ReportedAt, v.LegalBasis, v.Quantity, v.Note);
    }

    private static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime);

    private static string? Trim(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Logs a refusal in the unit of work (it writes nothing else) and returns it.</summary>
    internal static RegistryProblem Refuse(IRegistryWriter writer, Principal by, string action, string? subject, DateTimeOffset now, RegistryProblem problem)
    {
        var outcome = problem.Type == ProblemTypes.Forbidden ? AccessOutcome.Forbidden : AccessOutcome.Refused;
        writer.AppendAccess(AccessEvent.By(by, now, action, subject, null, outcome, problem.ToString()));
        return problem;
    }
}
