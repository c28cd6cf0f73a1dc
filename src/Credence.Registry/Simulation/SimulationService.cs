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
using Credence.Registry.Principals;
using Credence.Registry.Public;
using Credence.Registry.State;
using Credence.Registry.Storage;

namespace Credence.Registry.Simulation;

/// <summary>
/// Policy simulation: every subject of the draft's kind re-scored under the draft and under the
/// baseline (the policy in force at the instant, or a named version) at the same instant, from the
/// records as known then, compared into a stored report with a digest; and the sign-off of a report
/// by a second operator, which activation requires (<see cref="PolicyService.ActivateAsync"/>).
/// </summary>
/// <remarks>
/// Implementation note: the whole simulation reads in one read transaction (one snapshot of both the
/// records and the decision store) on the store's read connections, never on the single writer, so
/// intake and decisions go on while it runs; within that read the subjects are taken in runs
/// (<see cref="Population.Runs"/>), each run's dossiers read at once (<see cref="IRegistryReader.Dossiers"/>:
/// one read per table, not four queries a subject, its records packed) and then scored in parallel
/// (scoring is pure) while the next run is read, a part of a run at a time, so memory holds two runs of
/// packed dossiers and the records of the parts being scored. Only the stored report goes through the
/// writer, in one short unit.
/// </remarks>
public sealed partial class SimulationService(IRegistryStore store, TimeProvider clock, AccessRecorder access, PolicyService policies, IdentifierAllowList? allowList = null)
{
    /// <summary>
    /// Scores each subject's file by the engine, one by one, instead of by the batch kernel: the
    /// reference the tests compare the kernel's reports and replays with. Never set in production.
    /// </summary>
    internal bool PerSubjectScoring { get; init; }

    /// <summary>How many past decisions of one subject are re-answered at most (the newest).</summary>
    private const int DecisionsPerSubject = 1_000;

    /// <summary>How many subjects of a run are built and scored together: enough for the batch kernel, few enough that their records die young.</summary>
    private const int PartSize = 2_048;

    /// <summary>
    /// Simulates a draft given as text (validated as at upload: a draft that breaks a promise is
    /// refused with every problem) against <paramref name="against"/> or the policy in force, as of
    /// <paramref name="asOf"/> (now when null; never in the future), and stores the report.
    /// </summary>
    public async Task<Outcome<SimulationRun>> SimulateAsync(
        Principal by, string yaml, string? fileName, string? against, DateTimeOffset? asOf, string? purpose = null, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        if (await access.RequireAsync(by, "policy.simulate", null, cancellationToken, Role.Operator).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var validated = PolicyService.Validate(yaml, fileName);
        if (!validated.IsOk)
        {
            return await access.RefuseAsync(by, "policy.simulate", null, validated.Problem, cancellationToken).ConfigureAwait(false);
        }

        return await RunAsync(by, validated.Value, PolicyDigest.Of(PolicyText.WithoutMark(yaml)), against, asOf, purpose, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Simulates an uploaded version by its tag, otherwise as <see cref="SimulateAsync"/>.</summary>
    public async Task<Outcome<SimulationRun>> SimulateStoredAsync(
        Principal by, string tag, string? against, DateTimeOffset? asOf, string? purpose = null, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        if (await access.RequireAsync(by, "policy.simulate", null, cancellationToken, Role.Operator).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (OutsideText.Identifier("tag", tag) is { } unreadable)
        {
            return unreadable;
        }

        if (await store.ReadAsync(r => r.FindPolicy(tag), cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return new RegistryProblem(ProblemTypes.NotFound, $"no policy {tag} is stored; upload it first");
        }

        var policy = PolicyLoader.Load(stored.Yaml, tag).EnsureValid();
        return await RunAsync(by, policy, PolicyDigest.Of(stored.Yaml), against, asOf, purpose, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A stored report (operators and auditors). Subject ids stay masked unless the reader states a
    /// purpose, which is logged as a read of each sampled subject's file (the subject sees it).
    /// </summary>
    public async Task<Outcome<SimulationRun>> ReadAsync(Principal by, string id, string? purpose, CancellationToken cancellationToken = default)
    {
        if (await access.RequireAsync(by, "simulation.read", null, cancellationToken, Role.Operator, Role.Auditor).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (OutsideText.First(OutsideText.Identifier("id", id), Purpose(purpose)) is { } unreadable)
        {
            return unreadable;
        }

        if (await store.ReadAsync(r => r.FindSimulation(id), cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return new RegistryProblem(ProblemTypes.NotFound, $"no simulation report {id} is stored");
        }

        var report = CanonicalJson.Parse(stored.Report);
        return new SimulationRun(await UnmaskAsync(by, report, stored.SampleSubjects, purpose, cancellationToken).ConfigureAwait(false), stored.Digest, []);
    }

    /// <summary>
    /// Signs a policy version off (operator only): the signer names the digest of the newest stored
    /// simulation report of that exact version, and is not the operator who uploaded it, nor one whose key the
    /// uploader issued, nor one that issued the uploader's, nor one that shares such an issuer with it
    /// (<see cref="KeyHolders"/>). Recorded in the ledger with the report's digest.
    /// </summary>
    public async Task<Outcome<PolicySignOff>> SignOffAsync(Principal by, string tag, string reportDigest, CancellationToken cancellationToken = default)
    {
        if (await access.RequireAsync(by, "policy.sign-off", null, cancellationToken, Role.Operator).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (OutsideText.First(OutsideText.Identifier("tag", tag), OutsideText.Identifier("report", reportDigest)) is { } unreadable)
        {
            return unreadable;
        }

        var outcome = await store.WriteAsync<Outcome<PolicySignOff>>(w =>
        {
            if (w.FindPolicy(tag) is not { } policy)
            {
                return new RegistryProblem(ProblemTypes.NotFound, $"no policy {tag} is stored; upload it first");
            }

            if (KeyHolders.OnePersonCouldActAsBoth(w, policy.UploadedBy, by.Name, w.Now) is { } onePerson)
            {
                return new RegistryProblem(ProblemTypes.SamePerson, $"{by.Name} may not sign off {tag}: {onePerson}");
            }

            if (w.FindSimulationByDigest(reportDigest) is not { } report)
            {
                return new RegistryProblem(ProblemTypes.NotFound, $"no simulation report has digest {reportDigest}", "report");
            }

            if (report.PolicyTag != tag || report.PolicyDigest != PolicyDigest.Of(policy.Yaml))
            {
                return new RegistryProblem(ProblemTypes.ReportMismatch, $"report {report.Id} simulates {report.PolicyTag} ({report.PolicyDigest}), not {tag} as stored", "report");
            }

            if (w.LatestSimulation(tag) is { } latest && latest.Digest != report.Digest)
            {
                return new RegistryProblem(ProblemTypes.StaleReport, $"report {report.Id} is not the newest simulation of {tag} (that is {latest.Id}, {latest.Digest}); sign off what was simulated last", "report");
            }

            var signOff = new PolicySignOff(0, tag, report.Digest, by.Name, w.Now);
            signOff = signOff with { Id = w.InsertSignOff(signOff) };
            w.AppendAccess(AccessEvent.By(by, w.Now, "policy.sign-off", null, null, detail: $"{tag} report {report.Digest}"));
            return signOff;
        }, cancellationToken).ConfigureAwait(false);
        return outcome.IsOk ? outcome : await access.RefuseAsync(by, "policy.sign-off", null, outcome.Problem, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Why a version may not be activated under the two-person rule, or null when it may: the newest
    /// simulation report of its exact text, and a sign-off naming that report by an operator that neither is its
    /// uploader nor shares a key issuer with it (<see cref="KeyHolders"/>).
    /// </summary>
    internal static RegistryProblem? TwoPersonRule(IRegistryReader reader, StoredPolicy policy)
    {
        if (reader.LatestSimulation(policy.Tag) is not { } report)
        {
            return new RegistryProblem(ProblemTypes.NoSimulation, $"{policy.Tag} has no stored simulation report; simulate it (credence simulate, POST /v1/policies/{policy.Tag}/simulations) and have another operator sign it off");
        }

        if (report.PolicyDigest != PolicyDigest.Of(policy.Yaml))
        {
            return new RegistryProblem(ProblemTypes.ReportMismatch, $"the newest report of {policy.Tag} simulates text {report.PolicyDigest}, not the stored text");
        }

        if (reader.LatestSignOff(policy.Tag) is not { } signOff)
        {
            return new RegistryProblem(ProblemTypes.NoSignOff, $"{policy.Tag} has not been signed off; an operator other than {policy.UploadedBy} signs off report {report.Digest}");
        }

        if (signOff.ReportDigest != report.Digest)
        {
            return new RegistryProblem(ProblemTypes.StaleReport, $"the sign-off of {policy.Tag} names report {signOff.ReportDigest}, but the newest simulation is {report.Digest}; it must be signed off again");
        }

        // Judged as of the sign-off: a key issued after it gave no one the means to make it.
        return KeyHolders.OnePersonCouldActAsBoth(reader, policy.UploadedBy, signOff.SignedBy, signOff.SignedAt) is { } onePerson
            ? new RegistryProblem(ProblemTypes.SamePerson, $"{policy.Tag} was signed off by {signOff.SignedBy}, who may not sign it off: {onePerson}")
            : null;
    }

    private static RegistryProblem? Purpose(string? purpose) =>
        purpose is null ? null
        : string.IsNullOrWhiteSpace(purpose) ? new RegistryProblem(ProblemTypes.PurposeRequired, "a purpose that is empty or only white space states nothing; state why the subjects' ids are needed", "purpose")
        : OutsideText.Short("purpose", purpose);

    private async Task<Outcome<SimulationRun>> RunAsync(
        Principal by, Policy draft, string draftDigest, string? against, DateTimeOffset? asOf, string? purpose, IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        if (OutsideText.First(against is null ? null : OutsideText.Identifier("against", against), Purpose(purpose)) is { } unreadable)
        {
            return unreadable;
        }

        var now = clock.GetUtcNow();
        var at = (asOf ?? now).ToUniversalTime();
        if (at > now)
        {
            return new RegistryProblem(ProblemTypes.FutureInstant, $"asOf {SimulationComparer.Instant(at)} is in the future (now {SimulationComparer.Instant(now)}); a simulation reads the records as known at an instant that has come", "asOf");
        }

        // The baseline: a named stored version of the same kind, or the one in force at the instant.
        Policy? baseline = null;
        string? baselineDigest = null;
        if (against is not null)
        {
            if (await store.ReadAsync(r => r.FindPolicy(against), cancellationToken).ConfigureAwait(false) is not { } stored)
            {
                return new RegistryProblem(ProblemTypes.NotFound, $"no policy {against} is stored to simulate against", "against");
            }

            if (stored.Subjects != draft.Subjects)
            {
                return new RegistryProblem(ProblemTypes.SubjectKindMismatch, $"{against} is for {stored.Subjects.ToString().ToLowerInvariant()}s, the draft {draft.VersionTag} for {draft.Subjects.ToString().ToLowerInvariant()}s", "against");
            }

            baseline = PolicyLoader.Load(stored.Yaml, against).EnsureValid();
            baselineDigest = PolicyDigest.Of(stored.Yaml);
        }
        else if (await policies.ActiveAtAsync(draft.Subjects, at, cancellationToken).ConfigureAwait(false) is { } active)
        {
            baseline = active.Policy;
            baselineDigest = await store.ReadAsync(r => r.FindPolicy(active.Tag) is { } p ? PolicyDigest.Of(p.Yaml) : null, cancellationToken).ConfigureAwait(false);
        }

        var before = baseline is null ? null : CompiledPolicy.Compile(baseline);
        var after = CompiledPolicy.Compile(draft);
        var (subjects, decisions, relyingParties) = await store.ReadAsync(r => Score(r, before, after, at, allowList, PerSubjectScoring, progress, cancellationToken), cancellationToken).ConfigureAwait(false);

        var id = Guid.CreateVersion7(now).ToString();
        var header = new SimulationHeader(id, draft, draftDigest, baseline, baselineDigest, at, now, by.Name);
        var report = SimulationComparer.Compare(header, subjects, c => relyingParties.GetValueOrDefault(c) ?? [], decisions, s => PublicService.Mask(s.Value, s.Kind));
        var digest = CanonicalJson.Digest(report);
        var sample = ImmutableArray.CreateRange(SampleIds(report, subjects));
        var row = new StoredSimulation(id, draft.VersionTag, draftDigest, baseline?.VersionTag, at, now, by.Name, digest, CanonicalJson.Text(report), sample);
        await store.WriteAsync(w =>
        {
            w.InsertSimulation(row);
            w.AppendAccess(AccessEvent.By(by, w.Now, "policy.simulate", null, null,
                detail: $"{draft.VersionTag} {draftDigest} against {baseline?.VersionTag ?? "none"} as of {SimulationComparer.Instant(at)}: report {id} {digest}"));
            return 0;
        }, cancellationToken).ConfigureAwait(false);
        return new SimulationRun(await UnmaskAsync(by, report, sample, purpose, cancellationToken).ConfigureAwait(false), digest, subjects);
    }

    /// <summary>The sample's subject ids in its order: the report ranks exactly these (the same ordering as <see cref="SimulationComparer"/>).</summary>
    private static IEnumerable<string> SampleIds(SimulationReport report, IReadOnlyList<SimulatedSubject> subjects)
    {
        var byMask = subjects.Where(s => s.Changed).GroupBy(s => PublicService.Mask(s.Before.Subject.Value, s.Before.Subject.Kind)).ToDictionary(g => g.Key, g => g.Select(s => s.Before.Subject.Value).Order(StringComparer.Ordinal).ToList());
        var used = new Dictionary<string, int>();
        foreach (var entry in report.Sample)
        {
            var n = used.GetValueOrDefault(entry.Subject);
            used[entry.Subject] = n + 1;
            yield return byMask[entry.Subject][n];
        }
    }

    private async Task<SimulationReport> UnmaskAsync(Principal by, SimulationReport report, ImmutableArray<string> ids, string? purpose, CancellationToken cancellationToken)
    {
        if (purpose is null)
        {
            return report;
        }

        if (ids.IsDefaultOrEmpty)
        {
            return report with { SubjectIds = "unmasked" };
        }

        purpose = purpose.Trim();
        await store.WriteAsync(w =>
        {
            foreach (var subject in ids)
            {
                w.AppendAccess(AccessEvent.By(by, w.Now, "simulation.read", subject, purpose, detail: $"report {report.Id}: the subject's outcome under {report.Policy} and {report.Against ?? "no policy"}"));
            }

            return 0;
        }, cancellationToken).ConfigureAwait(false);
        return report with { SubjectIds = "unmasked", Sample = [.. report.Sample.Select((s, i) => s with { Subject = ids[i] })] };
    }

    /// <summary>
    /// The reference path: each subject's file compiled against each policy and scored by the engine
    /// (<see cref="SimulatedSubject.Of"/>), as the simulation did before the batch kernel; the tests
    /// check that both paths give the same report byte for byte.
    /// </summary>
    private static SimulatedSubject[] PerSubject(CompiledPolicy? before, CompiledPolicy after, SubjectFile[] files, DateTimeOffset at, bool[] consents, CancellationToken cancellationToken)
    {
        var scored = new SimulatedSubject[files.Length];
        Parallel.For(0, files.Length, new ParallelOptions { CancellationToken = cancellationToken }, i => scored[i] = SimulatedSubject.Of(before, after, files[i], at, consents[i]));
        return scored;
    }

    /// <summary>
    /// The subjects of one part of a run known at the instant, their files built as known then and scored
    /// under both policies (by the batch kernel, or one by one on the reference path), and each one's past
    /// decisions answered again under the draft.
    /// </summary>
    private static SimulatedSubject[] ScorePart(
        IReadOnlyList<SubjectDossier> dossiers, int from, int to, CompiledPolicy? before, CompiledPolicy after, DateTimeOffset at, bool consentNeeded, bool perSubject, ConcurrentBag<PastDecisionCheck> checks, CancellationToken cancellationToken)
    {
        var files = new List<SubjectFile>(to - from);
        var consents = new List<bool>(to - from);
        for (var i = from; i < to; i++)
        {
            var dossier = dossiers[i];
            var rows = dossier.ReadCase();
            if (!rows.Records.Any(r => r.ReportedAt <= at))
            {
                continue; // not yet known to the registry at the instant
            }

            var file = SubjectFiles.At(dossier.Subject, rows.Records, rows.Disputes, dossier.Repairs, at);
            var consent = consentNeeded && dossier.ConsentAt(at);
            files.Add(file);
            consents.Add(consent);
            foreach (var decision in dossier.Decisions.Where(d => d.DecidedAt <= at && d.PolicyVersion != after.Policy.VersionTag))
            {
                var then = SubjectFiles.At(file.Subject, rows.Records, rows.Disputes, dossier.Repairs, decision.DecidedAt);
                var assessment = Explainer.Assess(SubjectFacts.Compile(after, then), decision.DecidedAt, consent);
                var answer = Decider.Decide(assessment, after.Policy, decision.Capability)?.Answer;
                checks.Add(new PastDecisionCheck(decision.Measure, decision.RelyingParty, decision.Answer, answer));
            }
        }

        return perSubject
            ? PerSubject(before, after, [.. files], at, [.. consents], cancellationToken)
            : SimulatedSubject.OfAll(before, after, files, at, [.. consents]);
    }

    /// <summary>
    /// Scores every subject of the draft's kind known at the instant, in runs read then scored inside
    /// one read: each run by the batch re-scoring kernel under both policies (<see cref="SimulatedSubject.OfAll"/>),
    /// and each of its subjects' past decisions re-answered in parallel.
    /// </summary>
    private static (IReadOnlyList<SimulatedSubject>, IReadOnlyList<PastDecisionCheck>, Dictionary<string, List<string>>) Score(
        IRegistryReader reader, CompiledPolicy? before, CompiledPolicy after, DateTimeOffset at, IdentifierAllowList? allowList, bool perSubject, IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        var consentNeeded = after.Policy.ConsentRequired || before?.Policy.ConsentRequired == true;
        var subjects = Population.OfKind(reader, after.Policy.Subjects, DateOnly.FromDateTime(at.UtcDateTime), allowList).Subjects;
        var results = new List<SimulatedSubject>(subjects.Count);
        var checks = new ConcurrentBag<PastDecisionCheck>();
        var done = 0;
        Task? pending = null;
        foreach (var run in Population.Runs(subjects))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var dossiers = reader.Dossiers(run, DecisionsPerSubject);

            // Implementation note: a run is scored on the pool while the next one is read, so the
            // one read connection (sequential) and the scoring (parallel) overlap. Each part of a run
            // has its files built from its dossiers and scored together, so its records die young;
            // results keep run order.
            pending?.Wait(cancellationToken);
            pending = Task.Run(() =>
            {
                var parts = new SimulatedSubject[(dossiers.Count + PartSize - 1) / PartSize][];
                Parallel.For(0, parts.Length, new ParallelOptions { CancellationToken = cancellationToken }, p =>
                    parts[p] = ScorePart(dossiers, p * PartSize, Math.Min(dossiers.Count, (p + 1) * PartSize), before, after, at, consentNeeded, perSubject, checks, cancellationToken));
                foreach (var part in parts)
                {
                    results.AddRange(part);
                }

                done += dossiers.Count;
                progress?.Report((done, subjects.Count));
            }, cancellationToken);
        }

        pending?.Wait(cancellationToken);

        var relyingParties = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var principal in reader.ListPrincipals().Select(p => p.Principal).Where(p => p.Role == Role.RelyingParty))
        {
            var capabilities = principal.Capabilities.SelectMany(c => new[] { c, after.Policy.FindMeasure(c)?.Capability, before?.Policy.FindMeasure(c)?.Capability }).OfType<string>().Distinct(StringComparer.Ordinal);
            foreach (var capability in capabilities)
            {
                (relyingParties.TryGetValue(capability, out var names) ? names : relyingParties[capability] = []).Add(principal.Name);
            }
        }

        return (results, [.. checks.OrderBy(c => c.Measure, StringComparer.Ordinal).ThenBy(c => c.RelyingParty, StringComparer.Ordinal)], relyingParties);
    }
}
