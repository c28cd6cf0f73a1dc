using System.Collections.Concurrent;
using System.Collections.Immutable;
using Credence.Core.Explanations;
using Credence.Core.Identifiers;
using Credence.Core.Policies;
using Credence.Core.Policies.Loading;
using Credence.Core.Records;
using Credence.Core.Scoring;
using Credence.Core.Simulation;
using Credence.Registry.Access;
using Credence.Registry.DueProcess;
using Credence.Registry.Policies;
using Credence.Registry.Public;
using Credence.Registry.State;
using Credence.Registry.Storage;

namespace Credence.Registry.Simulation;

/// <summary>The replay of a draft over the ledger's history of record versions, week by week (issue 15, <c>--replay FROM..TO</c>).</summary>
public sealed partial class SimulationService
{
    /// <summary>The longest replay: five years of weeks. A longer range is refused rather than left to run for hours.</summary>
    public const int MaxReplayWeeks = 261;

    /// <summary>
    /// Replays a draft week by week over the ledger's history of record versions, from
    /// <paramref name="from"/> to <paramref name="to"/> (both included, a week apart; neither in the
    /// future, <paramref name="from"/> not after <paramref name="to"/>, at most <see cref="MaxReplayWeeks"/>
    /// weeks): at each week the subjects known by then, scored from the versions as known then, under
    /// the draft and under the policy in force then. Nothing is stored; the run is logged.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<ReplayWeek>>> ReplayAsync(
        Principal by, string yaml, string? fileName, DateTimeOffset from, DateTimeOffset to, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        if (await access.RequireAsync(by, "policy.replay", null, cancellationToken, Role.Operator).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var validated = PolicyService.Validate(yaml, fileName);
        if (!validated.IsOk)
        {
            return await access.RefuseAsync(by, "policy.replay", null, validated.Problem, cancellationToken).ConfigureAwait(false);
        }

        var now = clock.GetUtcNow();
        from = from.ToUniversalTime();
        to = to.ToUniversalTime();
        if (from > to)
        {
            return new RegistryProblem(ProblemTypes.BadValue, $"the replay starts at {SimulationComparer.Instant(from)}, after it ends at {SimulationComparer.Instant(to)}", "replay");
        }

        if (to > now)
        {
            return new RegistryProblem(ProblemTypes.FutureInstant, $"the replay ends at {SimulationComparer.Instant(to)}, in the future (now {SimulationComparer.Instant(now)})", "replay");
        }

        if ((to - from).TotalDays / 7 >= MaxReplayWeeks)
        {
            return new RegistryProblem(ProblemTypes.BadValue, $"the replay spans {(int)((to - from).TotalDays / 7) + 1} weeks; at most {MaxReplayWeeks} (five years) are replayed at once", "replay");
        }

        var weeks = new List<DateTimeOffset>();
        for (var at = from; at <= to; at = at.AddDays(7))
        {
            weeks.Add(at);
        }

        var draft = CompiledPolicy.Compile(validated.Value);
        var schedule = await policies.CurrentAsync(cancellationToken).ConfigureAwait(false);
        var inForce = weeks.Select(w => schedule.ActiveAt(draft.Policy.Subjects, w)?.Compiled).ToArray();
        var tallies = weeks.Select(_ => new ReplayTally()).ToArray();
        await store.ReadAsync(r =>
        {
            var subjects = Population.OfKind(r, draft.Policy.Subjects, DateOnly.FromDateTime(to.UtcDateTime), allowList).Subjects;
            var consentNeeded = draft.Policy.ConsentRequired || inForce.Any(p => p?.Policy.ConsentRequired == true);
            var done = 0;
            foreach (var run in Population.HeldRuns(subjects))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var dossiers = r.Dossiers(run, 0);
                var cases = new SubjectCaseRows[dossiers.Count];
                Parallel.For(0, cases.Length, new ParallelOptions { CancellationToken = cancellationToken }, i => cases[i] = dossiers[i].ReadCase());
                if (!PerSubjectScoring)
                {
                    for (var w = 0; w < weeks.Count; w++)
                    {
                        ReplayWeekOf(draft, inForce[w], dossiers, cases, consentNeeded, weeks[w], tallies[w], cancellationToken);
                    }

                    done += run.Length;
                    progress?.Report((done, subjects.Count));
                    continue;
                }

                // The reference path (tests only): each subject's file compiled and scored by the engine, week by week.
                Parallel.For(0, run.Length, new ParallelOptions { CancellationToken = cancellationToken }, i =>
                {
                    var dossier = dossiers[i];
                    var rows = cases[i];
                    for (var w = 0; w < weeks.Count; w++)
                    {
                        if (!rows.Records.Any(v => v.ReportedAt <= weeks[w]))
                        {
                            continue;
                        }

                        var file = SubjectFiles.At(dossier.Subject, rows.Records, rows.Disputes, dossier.Repairs, weeks[w]);
                        var consent = consentNeeded && dossier.ConsentAt(weeks[w]);
                        var a = SubjectOutcome.Of(SubjectFacts.Compile(draft, file), weeks[w], consent);
                        var b = inForce[w] is { } p ? SubjectOutcome.Of(SubjectFacts.Compile(p, file), weeks[w], consent) : SubjectOutcome.None(dossier.Subject);
                        tallies[w].Add(a, b);
                    }
                });
                done += run.Length;
                progress?.Report((done, subjects.Count));
            }

            return 0;
        }, cancellationToken).ConfigureAwait(false);
        await access.RecordAsync(AccessEvent.By(by, clock.GetUtcNow(), "policy.replay", null, null, AccessOutcome.Ok,
            $"{draft.Policy.VersionTag} replayed over {weeks.Count} weeks from {SimulationComparer.Instant(from)} to {SimulationComparer.Instant(to)}"), cancellationToken).ConfigureAwait(false);
        return Outcome.Ok<IReadOnlyList<ReplayWeek>>([.. weeks.Select((w, i) => tallies[i].ToWeek(w, inForce[i]?.Policy.VersionTag))]);
    }

    /// <summary>
    /// One week of a replay for one run of subjects: the files of the subjects known by then, as known then,
    /// scored by the batch re-scoring kernel under the draft and the policy in force that week.
    /// </summary>
    private static void ReplayWeekOf(
        CompiledPolicy draft, CompiledPolicy? inForce, IReadOnlyList<SubjectDossier> dossiers, SubjectCaseRows[] cases, bool consentNeeded, DateTimeOffset week, ReplayTally tally, CancellationToken cancellationToken)
    {
        var known = Enumerable.Range(0, dossiers.Count).Where(i => cases[i].Records.Any(v => v.ReportedAt <= week)).ToArray();
        var files = new SubjectFile[known.Length];
        Parallel.For(0, known.Length, new ParallelOptions { CancellationToken = cancellationToken }, k =>
            files[k] = SubjectFiles.At(dossiers[known[k]].Subject, cases[known[k]].Records, cases[known[k]].Disputes, dossiers[known[k]].Repairs, week));
        var builder = new RecordColumnsBuilder(files.Sum(f => f.Versions.Length));
        foreach (var file in files)
        {
            builder.Add(file);
        }

        var columns = builder.Build();
        var subjects = files.Select(f => f.Subject).ToArray();
        var consent = known.Select(i => consentNeeded && dossiers[i].ConsentAt(week)).ToArray();
        var a = SubjectOutcome.OfAll(draft, columns, subjects, week, consent);
        var b = inForce is null ? null : SubjectOutcome.OfAll(inForce, columns, subjects, week, consent);
        for (var k = 0; k < subjects.Length; k++)
        {
            tally.Add(a[k], b?[k] ?? SubjectOutcome.None(subjects[k]));
        }
    }
}
