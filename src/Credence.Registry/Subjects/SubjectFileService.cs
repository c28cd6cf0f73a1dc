using System.Collections.Immutable;
using Credence.Core.Explanations;
using Credence.Core.Identifiers;
using Credence.Core.Records;
using Credence.Core.Scoring;
using Credence.Registry.Access;
using Credence.Registry.Consent;
using Credence.Registry.Decisions;
using Credence.Registry.DueProcess;
using Credence.Registry.Policies;
using Credence.Registry.State;
using Credence.Registry.Storage;

namespace Credence.Registry.Subjects;

/// <summary>
/// Subject files: read by the subject itself, or by a reviewer or auditor who states a purpose.
/// The read is logged durably before the file is assembled, so the file shows it. The assessment
/// is evaluated as of the request: an effect that ended a tick ago no longer counts, with no batch
/// job in between.
/// </summary>
public sealed class SubjectFileService
{
    private const string Action = "subject.read";
    private const int Limit = 500;
    private const int LatestNotices = 20;

    private readonly IRegistryStore store;
    private readonly TimeProvider clock;
    private readonly PolicyService policies;
    private readonly AccessRecorder access;
    private readonly IdentifierAllowList? allowList;

    public SubjectFileService(IRegistryStore store, TimeProvider clock, PolicyService policies, AccessRecorder access, IdentifierAllowList? allowList = null)
    {
        this.store = store;
        this.clock = clock;
        this.policies = policies;
        this.access = access;
        this.allowList = allowList;
    }

    /// <summary>The file of the subject a subject key is bound to.</summary>
    public async Task<Outcome<SubjectFileView>> ReadOwnAsync(Principal subject, CancellationToken cancellationToken = default)
    {
        if (await access.RequireAsync(subject, Action, null, cancellationToken, Role.Subject).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        return await ReadAsync(subject, subject.Subject!, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <see cref="ReadOwnAsync(Principal, CancellationToken)"/>, answering from <paramref name="held"/> (see
    /// <see cref="ReadAsync(Principal, string, string?, HeldFile?, CancellationToken)"/>); with the file to hold from now on.
    /// </summary>
    public async Task<(Outcome<SubjectFileView> File, HeldFile? Held)> ReadOwnAsync(Principal subject, HeldFile? held, CancellationToken cancellationToken = default)
    {
        if (await access.RequireAsync(subject, Action, null, cancellationToken, Role.Subject).ConfigureAwait(false) is { } refused)
        {
            return (refused, held);
        }

        return await ReadAsync(subject, subject.Subject!, null, held, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The canonical subject whose file <paramref name="reader"/> would read with <paramref name="subjectText"/>
    /// and <paramref name="purpose"/> (null text: the reader's own file, as <see cref="ReadOwnAsync(Principal, CancellationToken)"/>),
    /// or null when the read would be refused before it reads the file (a role that reads no files, another
    /// subject's file, no purpose, an unreadable text or an invalid identifier): what a holder of subjects'
    /// files is chosen by. Reads nothing and logs nothing; the refusal itself is the read's own.
    /// </summary>
    public SubjectId? SubjectOf(Principal reader, string? subjectText, string? purpose)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (subjectText is null && reader.Role != Role.Subject)
        {
            return null;
        }

        subjectText ??= reader.Subject;
        if (subjectText is null || OutsideText.First(OutsideText.Identifier("subject", subjectText), OutsideText.Short("purpose", purpose)) is not null)
        {
            return null;
        }

        var check = SubjectIdentifiers.Check(subjectText, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), allowList);
        if (!check.IsValid)
        {
            return null;
        }

        var subject = check.Id!.Value;
        return reader.Role switch
        {
            Role.Subject when reader.Subject == subject.Value => subject,
            Role.Reviewer or Role.Auditor when !string.IsNullOrWhiteSpace(purpose) => subject,
            _ => null,
        };
    }

    /// <summary>A subject's file, for the subject itself or for a reviewer or auditor with a stated purpose.</summary>
    public async Task<Outcome<SubjectFileView>> ReadAsync(Principal reader, string subjectText, string? purpose, CancellationToken cancellationToken = default) =>
        (await ReadAsync(reader, subjectText, purpose, null, cancellationToken).ConfigureAwait(false)).File;

    /// <summary>
    /// Reads as <see cref="ReadAsync(Principal, string, string?, CancellationToken)"/> does, taking the subject's
    /// records (with the flags of its disputes and repairs) and their facts compiled under the policy in force
    /// from <paramref name="held"/> (the file as its holder keeps it in memory) instead of the store, when it is
    /// the file of the subject read, lasts at the read's instant, and the store's writer finds the subject
    /// unchanged since it was read (<see cref="HeldFile.Current"/>). Returns the file view and the file to hold
    /// from now on (null: hold nothing).
    /// </summary>
    /// <remarks>
    /// Implementation note: the read is logged (access log and ledger) in a unit of work before the file is
    /// assembled, and the subject's records are taken in that same unit, held or read there: so they are exactly
    /// the subject's as of the read's place in the store's one order, whoever holds the file and whatever the
    /// holder was told. The same seam as <see cref="DecisionService"/>'s: only the reading of the records and the
    /// compiling of their facts are saved. Everything else is exactly as without a holder: the refusals, and the
    /// parts of the view that change with every read or decision (the access log, decisions, listings, due
    /// process, notices), read from the store in one snapshot after the unit. A write told to the holder
    /// (<see cref="SubjectChanges"/>) only makes it drop the file sooner.
    /// </remarks>
    public async Task<(Outcome<SubjectFileView> File, HeldFile? Held)> ReadAsync(Principal reader, string subjectText, string? purpose, HeldFile? held, CancellationToken cancellationToken = default)
    {
        // The purpose goes into the access log and the ledger: it is one readable line.
        if (OutsideText.First(OutsideText.Identifier("subject", subjectText), OutsideText.Short("purpose", purpose)) is { } unreadable)
        {
            return (unreadable, held);
        }

        var now = clock.GetUtcNow();
        var check = SubjectIdentifiers.Check(subjectText ?? string.Empty, DateOnly.FromDateTime(now.UtcDateTime), allowList);
        if (!check.IsValid)
        {
            return (new RegistryProblem(ProblemTypes.InvalidIdentifier, $"invalid identifier: {check.Rule}: {check.Reason}", "subject"), held);
        }

        var subject = check.Id!.Value;
        purpose = string.IsNullOrWhiteSpace(purpose) ? null : purpose.Trim();
        switch (reader.Role)
        {
            case Role.Subject when reader.Subject == subject.Value:
                purpose ??= "own file";
                break;
            case Role.Subject:
                return (await access.RefuseAsync(reader, Action, subject.Value,
                    new RegistryProblem(ProblemTypes.Forbidden, "a subject key reads only its own subject's file"), cancellationToken).ConfigureAwait(false), held);
            case Role.Reviewer or Role.Auditor when purpose is null:
                return (await access.RefuseAsync(reader, Action, subject.Value,
                    new RegistryProblem(ProblemTypes.PurposeRequired, "reviewers and auditors state the purpose of each read (?purpose=...)", "purpose"), cancellationToken).ConfigureAwait(false), held);
            case Role.Reviewer or Role.Auditor:
                break;
            default:
                return (await access.RefuseAsync(reader, Action, subject.Value,
                    new RegistryProblem(ProblemTypes.Forbidden, $"subject files are read by the subject, reviewers and auditors; this key is for {reader.RoleName} '{reader.Name}'"), cancellationToken).ConfigureAwait(false), held);
        }

        // The read is logged, and the subject's records taken, in one unit of work: from the held file when the
        // writer finds it current (a file held for another subject, a holder's mistake, never is), otherwise read
        // in the unit. Either way the records are the subject's as of the unit that logged the read.
        var readEvent = AccessEvent.By(reader, now, Action, subject.Value, purpose);
        var usable = held is not null && held.File.Subject == subject && held.LastsAt(now) ? held : null;
        Func<IRegistryWriter, (long Event, SubjectFile File, HeldFile? Held)> log = w =>
        {
            var id = w.AppendAccess(readEvent);
            var (file, current) = HeldFile.Current(w, subject, now, usable);
            return (id, file, current);
        };
        var (eventId, file, loaded) = await (usable is not null ? store.WriteHoldingAsync(subject, log, cancellationToken) : store.WriteAsync(subject, log, cancellationToken)).ConfigureAwait(false);
        return await AssembleAsync(subject, now, eventId, file, loaded, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(SubjectFileView View, HeldFile? Held)> AssembleAsync(SubjectId subject, DateTimeOffset now, long readEvent, SubjectFile file, HeldFile? loaded, CancellationToken cancellationToken)
    {
        var policy = await policies.ActiveAtAsync(subject.Kind, now, cancellationToken).ConfigureAwait(false);
        // Everything but the records in one snapshot, so the view's parts agree with each other.
        var (decisions, listings, events, consent, disputes, repairs, appeals, marks, steps, actors, notices, noticeCount, evidence) = await store.ReadAsync(r =>
        {
            var caseSteps = r.SubjectCaseSteps(subject.Value, Limit);
            var subjectDisputes = r.SubjectDisputes(subject.Value);
            return (
                r.SubjectDecisions(subject.Value, Limit),
                r.SubjectListings(subject.Value, openOnly: false),
                r.SubjectAccess(subject.Value, Limit),
                policy is not null && Consents.At(r, policy, subject.Value, now),
                subjectDisputes,
                r.SubjectRepairs(subject.Value),
                r.SubjectAppeals(subject.Value),
                r.SubjectDecisionMarks(subject.Value),
                caseSteps,
                CaseActors.Roles(r, caseSteps),
                r.SubjectNotices(subject.Value, LatestNotices),
                r.SubjectNoticeCount(subject.Value),
                subjectDisputes.SelectMany(d => r.DisputeEvidence(d.Id)).ToImmutableArray());
        }, cancellationToken).ConfigureAwait(false);
        Assessment? assessment = null;
        if (policy is not null)
        {
            SubjectFacts facts;
            (facts, loaded) = loaded is null ? (SubjectFacts.Compile(policy.Compiled, file), null) : loaded.FactsUnder(policy);
            assessment = Explainer.Assess(facts, now, consent);
        }

        var view = new SubjectFileView(
            subject,
            now,
            file.Versions,
            assessment,
            policy is null ? $"no policy is active for {subject.Kind.ToString().ToLowerInvariant()} subjects" : null,
            [.. decisions],
            [.. listings],
            Merge(events, file.Versions, decisions, steps, actors),
            readEvent)
        {
            Disputes = [.. disputes],
            Repairs = [.. repairs],
            Appeals = [.. appeals],
            AffectedDecisions = [.. marks],
            CaseSteps = [.. steps],
            LatestNotices = [.. notices],
            NoticeCount = noticeCount,
            Evidence = evidence,
        };
        return (view, loaded);
    }

    /// <summary>The access log as the subject sees it: events, record writes, decisions and case steps, newest first.</summary>
    /// <param name="actorRoles">The roles of the steps' named actors (<see cref="CaseActors.Roles"/>): a step shows who took it as a kind of reader, as the other entries do.</param>
    internal static ImmutableArray<AccessEntry> Merge(IReadOnlyList<AccessEvent> events, ImmutableArray<Record> records, IReadOnlyList<Decision> decisions, IReadOnlyList<CaseStep> steps, IReadOnlyDictionary<string, Role?> actorRoles, int limit = Limit)
    {
        var entries = events.Select(e => new AccessEntry(e.At, e.Principal, e.Role, e.Action, e.Purpose, e.Outcome, e.Detail))
            .Concat(records.Select(r => new AccessEntry(r.ReportedAt, r.Key.Source, Roles.NameOf(Role.Source), "record." + r.Action.ToString().ToLowerInvariant(), null, AccessOutcome.Ok,
                $"{r.Key} version {r.Version}: {r.Type}")))
            .Concat(decisions.Select(d => new AccessEntry(d.DecidedAt, d.RelyingParty, Roles.NameOf(Role.RelyingParty), "decision", d.Purpose, AccessOutcome.Ok,
                $"{d.Capability} {(d.Allowed ? "allowed" : "denied")} under {d.PolicyVersion} (decision {d.Id})")))
            .Concat(steps.Select(s => new AccessEntry(s.At, s.Actor, s.ActorId is not null && actorRoles.TryGetValue(s.Actor, out var role) && role is { } known ? Roles.NameOf(known) : null,
                $"{s.CaseKind}.{s.Step}", null, AccessOutcome.Ok, $"{s.CaseKind} {s.CaseId} on record {s.Record}")));
        return [.. entries.OrderByDescending(e => e.At).Take(limit)];
    }
}
