using System.Collections.Concurrent;
using Credence.Core.Explanations;
using Credence.Core.Fairness;
using Credence.Core.Identifiers;
using Credence.Core.Records;
using Credence.Core.Scoring;
using Credence.Registry.Access;
using Credence.Registry.DueProcess;
using Credence.Registry.Policies;
using Credence.Registry.State;
using Credence.Registry.Storage;

namespace Credence.Registry.Fairness;

/// <summary>
/// The fairness report of the policies in force at an instant (issue 15, part 2), for operators and
/// auditors: every subject's outcome under the policy then in force, from its records as known then,
/// grouped into cohorts its identifier alone gives (<see cref="Cohorts"/>), by <see cref="FairnessKernel"/>.
/// </summary>
/// <remarks>
/// <para>
/// Implementation note: every subject is read in one read transaction (one snapshot) on a read
/// connection, never through the single writer, so intake and decisions go on while it runs and the
/// report is of one consistent registry. Subjects are read a run at a time (their dossiers, one read per
/// table over the run's range) and scored on the pool while the next run is read; scoring is pure.
/// </para>
/// <para>
/// Implementation note: the report is one access event (<c>fairness.report</c>, in the ledger) and not
/// one a subject: it discloses no subject's file, score or outcome, only counts of cohorts; the
/// subjects' outcomes it computes never leave the use case.
/// </para>
/// <para>
/// The population at an instant is the subjects with at least one record version reported by then,
/// under the policy in force then for their kind; a stored subject whose identifier its scheme now
/// refuses (a damaged row) is counted apart as unreadable.
/// </para>
/// </remarks>
public sealed class FairnessService(IRegistryStore store, TimeProvider clock, PolicyService policies, AccessRecorder access, IdentifierAllowList? allowList = null)
{
    private const string Action = "fairness.report";

    /// <summary>The report, or the problem that refused the request.</summary>
    public async Task<Outcome<FairnessReport>> ReportAsync(Principal by, FairnessRequest request, IProgress<FairnessProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await access.RequireAsync(by, Action, null, cancellationToken, Role.Operator, Role.Auditor).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var now = clock.GetUtcNow();
        var asOf = request.AsOf ?? now;
        if (asOf > now)
        {
            return await access.RefuseAsync(by, Action, null, new RegistryProblem(ProblemTypes.FutureInstant, $"as-of {Text(asOf)} is after now ({Text(now)}): the registry does not know the records of the future", "asOf"), cancellationToken).ConfigureAwait(false);
        }

        if (request.MinCohort is < 0)
        {
            return await access.RefuseAsync(by, Action, null, new RegistryProblem(ProblemTypes.BadValue, $"the minimum cohort is 0 or more, not {request.MinCohort}", "minCohort"), cancellationToken).ConfigureAwait(false);
        }

        var schedule = await policies.CurrentAsync(cancellationToken).ConfigureAwait(false);
        var active = schedule.ActiveAll(asOf);
        if (active.Count == 0)
        {
            return await access.RefuseAsync(by, Action, null, new RegistryProblem(ProblemTypes.NoActivePolicy, $"no policy was in force at {Text(asOf)}: there are no outcomes to report"), cancellationToken).ConfigureAwait(false);
        }

        if (OutsideText.Identifier("gradeAtOrBelow", request.GradeAtOrBelow) is { } unreadableGrade)
        {
            // A refused text adds nothing to the access log (README, "Decisions worth knowing").
            return unreadableGrade;
        }

        if (request.GradeAtOrBelow is { } grade && !active.Any(p => AdverseOutcomes.HasGrade(p.Policy, grade)))
        {
            var known = string.Join("; ", active.Select(p => $"{p.Tag}: {string.Join(", ", p.Policy.Grades.Select(g => g.Name))}"));
            return await access.RefuseAsync(by, Action, null, new RegistryProblem(ProblemTypes.BadValue, $"grade '{grade}' is no grade of a policy in force at {Text(asOf)} ({known})", "gradeAtOrBelow"), cancellationToken).ConfigureAwait(false);
        }

        var options = new FairnessOptions(asOf, request.Seed ?? FairnessOptions.DefaultSeed, request.MinCohort ?? FairnessOptions.DefaultMinCohort);
        var total = await store.ReadAsync(r => r.Counts(now).Subjects, cancellationToken).ConfigureAwait(false);
        var today = DateOnly.FromDateTime(now.UtcDateTime);

        // Off the caller's thread: an embedded store's read runs synchronously where it is called.
        var (outcomes, unreadable) = await Task.Run(() => store.ReadAsync(r => Read(r, active, asOf, today, total, progress, cancellationToken), cancellationToken), cancellationToken).ConfigureAwait(false);
        var sections = new List<FairnessSection>();
        foreach (var policy in active)
        {
            // A grade only some policies have is measured under those; the others keep their lowest grade.
            var own = request.GradeAtOrBelow is { } g && AdverseOutcomes.HasGrade(policy.Policy, g) ? g : null;
            var adverse = AdverseOutcomes.Of(policy.Policy, own);
            sections.Add(FairnessKernel.Section(policy.Activation.Subjects, policy.Tag, outcomes[policy.Activation.Subjects], adverse, options));
        }

        var report = FairnessKernel.Report(sections, options, request.GradeAtOrBelow, unreadable);
        await access.RecordAsync(AccessEvent.By(by, now, Action, null, null, AccessOutcome.Ok,
            $"as of {Text(asOf)}: {sections.Sum(s => s.Assessed)} subjects assessed, {sections.Sum(s => s.Findings.Length)} disparities flagged, seed {options.Seed}, minimum cohort {options.MinCohort}"), cancellationToken).ConfigureAwait(false);
        return report;
    }

    private (Dictionary<SubjectKind, List<SubjectOutcome>> Outcomes, int Unreadable) Read(
        IRegistryReader reader, IReadOnlyList<ActivePolicy> active, DateTimeOffset asOf, DateOnly today, long total, IProgress<FairnessProgress>? progress, CancellationToken cancellationToken)
    {
        var outcomes = new Dictionary<SubjectKind, List<SubjectOutcome>>();
        var unreadable = 0;
        long done = 0;
        Task? scoring = null;
        foreach (var policy in active)
        {
            var kind = policy.Activation.Subjects;
            var found = outcomes[kind] = [];
            var (subjects, damaged) = Population.OfKind(reader, kind, today, allowList);
            unreadable += damaged;
            done += damaged;
            foreach (var run in Population.Runs(subjects))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var dossiers = reader.Dossiers(run, 0);

                // Pipelined: this run's files are built and scored on the pool while the reader reads the next one.
                scoring?.Wait(cancellationToken);
                var compiled = policy.Compiled;
                var consentRequired = policy.Policy.ConsentRequired;
                scoring = Task.Run(() => Score(dossiers, compiled, consentRequired, asOf, found, cancellationToken), cancellationToken);
                done += run.Length;
                progress?.Report(new FairnessProgress(done, Math.Max(total, done)));
            }
        }

        scoring?.Wait(cancellationToken);
        return (outcomes, unreadable);
    }

    /// <summary>
    /// Builds the files of a run's subjects known at <paramref name="asOf"/> and scores them in parallel,
    /// adding their outcomes to <paramref name="found"/> in the run's order.
    /// </summary>
    private static void Score(IReadOnlyList<SubjectDossier> dossiers, CompiledPolicy compiled, bool consentRequired, DateTimeOffset asOf, List<SubjectOutcome> found, CancellationToken cancellationToken)
    {
        var scored = new SubjectOutcome?[dossiers.Count];
        Parallel.For(0, dossiers.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            if (FileAt(dossiers[i], asOf) is { } file)
            {
                scored[i] = SubjectOutcome.Of(SubjectFacts.Compile(compiled, file), asOf, consentRequired && dossiers[i].ConsentAt(asOf));
            }
        });
        found.AddRange(scored.OfType<SubjectOutcome>());
    }

    /// <summary>The subject's file as it stood at <paramref name="asOf"/>; null when no record of it was reported by then.</summary>
    private static SubjectFile? FileAt(SubjectDossier dossier, DateTimeOffset asOf)
    {
        var rows = dossier.ReadCase();
        if (!rows.Records.Any(r => r.ReportedAt <= asOf))
        {
            return null;
        }

        return rows.Disputes.Count == 0 && rows.Repairs.Count == 0
            ? SubjectFile.Create(dossier.Subject, rows.Records)
            : SubjectFiles.At(dossier.Subject, rows.Records, rows.Disputes, dossier.Repairs, asOf);
    }

    private static string Text(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
