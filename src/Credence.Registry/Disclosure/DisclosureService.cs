using System.Collections.Immutable;
using Credence.Core.DueProcess;
using Credence.Core.Explanations;
using Credence.Core.Identifiers;
using Credence.Core.Records;
using Credence.Core.Scoring;
using Credence.Registry.Access;
using Credence.Registry.Consent;
using Credence.Registry.Policies;
using Credence.Registry.Storage;
using Credence.Registry.Subjects;

namespace Credence.Registry.Disclosure;

/// <summary>
/// The free disclosure: a subject downloads its whole file with its own key. Each download is
/// logged, durably and before the file is assembled (so the file shows it), as
/// <c>disclosure.download</c>: the FCRA profile's dispute deadline reads the latest one.
/// </summary>
/// <remarks>
/// Implementation note: only the subject downloads its disclosure; reviewers and auditors read
/// files through <see cref="SubjectFileService"/> with a stated purpose, and a disclosure read by
/// them would start the subject's FCRA clock without the subject knowing. Nothing is limited: the
/// disclosure is the whole file, however long (the subject file shows the latest 500 entries).
/// </remarks>
public sealed partial class DisclosureService
{
    /// <summary>The access log action of a download (read by the due-process deadlines: do not change).</summary>
    public const string DownloadAction = "disclosure.download";

    private const int Everything = int.MaxValue;

    private readonly IRegistryStore store;
    private readonly TimeProvider clock;
    private readonly PolicyService policies;
    private readonly AccessRecorder access;
    private readonly IdentifierAllowList? allowList;

    public DisclosureService(IRegistryStore store, TimeProvider clock, PolicyService policies, AccessRecorder access, IdentifierAllowList? allowList = null)
    {
        this.store = store;
        this.clock = clock;
        this.policies = policies;
        this.access = access;
        this.allowList = allowList;
    }

    /// <summary>The whole file of the subject a subject key is bound to; <paramref name="format"/> (e.g. <c>json</c>, <c>html</c>) is logged with the download.</summary>
    public async Task<Outcome<DisclosureView>> DownloadAsync(Principal subject, string format, CancellationToken cancellationToken = default)
    {
        var own = await access.RequireOwnSubjectAsync(subject, DownloadAction, allowList, cancellationToken).ConfigureAwait(false);
        if (!own.IsOk)
        {
            return own.Problem;
        }

        var now = clock.GetUtcNow();

        await access.RecordAsync(AccessEvent.By(subject, now, DownloadAction, own.Value.Value, "free disclosure", detail: format), cancellationToken).ConfigureAwait(false);
        return await AssembleAsync(own.Value, now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The access log action of a read of the score history (not a disclosure: it starts no FCRA clock).</summary>
    public const string HistoryAction = "score-history.read";

    /// <summary>
    /// The score history of the subject a subject key is bound to, exactly as its disclosure gives it,
    /// with each step's causes and the records that began or stopped counting there as data (for a page
    /// that says them in the reader's language). Logged as <c>score-history.read</c>, before it is assembled.
    /// </summary>
    public async Task<Outcome<ScoreHistoryView>> ScoreHistoryAsync(Principal subject, CancellationToken cancellationToken = default)
    {
        var own = await access.RequireOwnSubjectAsync(subject, HistoryAction, allowList, cancellationToken).ConfigureAwait(false);
        if (!own.IsOk)
        {
            return own.Problem;
        }

        var now = clock.GetUtcNow();
        var id = own.Value;
        await access.RecordAsync(AccessEvent.By(subject, now, HistoryAction, id.Value, "own score history"), cancellationToken).ConfigureAwait(false);
        var schedule = await policies.CurrentAsync(cancellationToken).ConfigureAwait(false);
        var (file, consents, disputes, repairs, activations) = await store.ReadAsync(r => (
            DueProcess.SubjectFiles.LoadAsOf(r, id, now),
            r.ConsentHistory(id.Value),
            r.SubjectDisputes(id.Value),
            r.SubjectRepairs(id.Value),
            r.ListActivations()), cancellationToken).ConfigureAwait(false);
        var records = file.Versions;
        var steps = ScoreHistory.Derive(id, records, consents, [.. disputes.Select(d => AsOf(d, now, records))], repairs, activations, t => schedule.ActiveAt(id.Kind, t), now);
        return new ScoreHistoryView(id, now, steps);
    }

    /// <summary>
    /// The registry's own assessment of a subject as of a past instant, from what it stores: the file
    /// as it stood then (<see cref="DueProcess.SubjectFiles.At"/>), the policy and the consent in force
    /// then. Null when no policy governed the subject then. Not logged: for tests and tools that
    /// compare a disclosure's reproduction with the registry, never served.
    /// </summary>
    internal async Task<Assessment?> AssessAtAsync(SubjectId subject, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        if (await policies.ActiveAtAsync(subject.Kind, at, cancellationToken).ConfigureAwait(false) is not { } policy)
        {
            return null;
        }

        var id = subject.Value;
        var (file, consent) = await store.ReadAsync(r => (
            DueProcess.SubjectFiles.At(subject, r.SubjectRecords(subject), r.SubjectDisputes(id), r.SubjectRepairs(id), at),
            Consent.Consents.At(r, policy, id, at)), cancellationToken).ConfigureAwait(false);
        return Explainer.Assess(SubjectFacts.Compile(policy.Compiled, file), at, consent);
    }

    private async Task<DisclosureView> AssembleAsync(SubjectId subject, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var schedule = await policies.CurrentAsync(cancellationToken).ConfigureAwait(false);
        var policy = schedule.ActiveAt(subject.Kind, now);
        var id = subject.Value;
        // One read, so that the file, its due process and its notices are one consistent snapshot.
        var ((file, decisions, listings, events, consents, shares, activations), (notices, disputes, repairs, appeals, marks, steps, actors)) = await store.ReadAsync(r =>
        {
            var caseSteps = r.SubjectCaseSteps(id, Everything);
            return ((
                DueProcess.SubjectFiles.LoadAsOf(r, subject, now),
                r.SubjectDecisions(id, Everything),
                r.SubjectListings(id, openOnly: false),
                r.SubjectAccess(id, Everything),
                r.ConsentHistory(id),
                r.SubjectShares(id),
                r.ListActivations()), (
                r.SubjectNotices(id, Everything),
                r.SubjectDisputes(id),
                r.SubjectRepairs(id),
                r.SubjectAppeals(id),
                r.SubjectDecisionMarks(id),
                caseSteps,
                DueProcess.CaseActors.Roles(r, caseSteps)));
        }, cancellationToken).ConfigureAwait(false);
        var records = file.Versions;
        disputes = [.. disputes.Select(d => AsOf(d, now, records))];
        var consent = policy is not null && policy.Policy.ConsentRequired && consents.LastOrDefault(c => c.At <= now)?.Given == true;
        var assessment = policy is null ? null : Explainer.Assess(SubjectFacts.Compile(policy.Compiled, file), now, consent);
        var published = (await policies.PublishedAsync(now, cancellationToken).ConfigureAwait(false)).Where(p => p.Subjects == subject.Kind).ToImmutableArray();
        return new DisclosureView(
            subject,
            now,
            file.Versions,
            assessment,
            policy is null ? $"no policy is active for {subject.Kind.ToString().ToLowerInvariant()} subjects" : null,
            policy is null ? null : published.FirstOrDefault(p => p.Tag == policy.Tag),
            published,
            ScoreHistory.Derive(subject, records, consents, disputes, repairs, activations, t => schedule.ActiveAt(subject.Kind, t), now),
            [.. listings],
            [.. decisions],
            [.. consents],
            [.. shares],
            [.. notices],
            [.. disputes],
            [.. repairs],
            [.. appeals],
            [.. marks],
            [.. steps],
            SubjectFileService.Merge(events, file.Versions, decisions, steps, actors, Everything));
    }

    /// <summary>
    /// A dispute still open at its deadline, as the subject's file already treats it (see
    /// <see cref="DueProcess.SubjectFiles.LoadAsOf"/>): resolved for the subject at the deadline,
    /// with the removal version the file holds, exactly as the scheduler will store it.
    /// </summary>
    private static DueProcess.StoredDispute AsOf(DueProcess.StoredDispute d, DateTimeOffset now, ImmutableArray<Record> versions)
    {
        if (!d.IsOpen || d.DueAt > now)
        {
            return d;
        }

        var removal = versions.LastOrDefault(r => r.Key == d.Record && r.Action == RecordAction.Withdrawn && r.ReportedAt == d.DueAt);
        return d with { State = DisputeState.ResolvedForSubject, ClosedAt = d.DueAt, AnswerVersion = removal?.Version };
    }
}
