using System.Collections.Concurrent;
using System.Collections.Immutable;
using Credence.Core.Identifiers;
using Credence.Core.Policies;
using Credence.Core.Policies.Loading;
using Credence.Core.Scoring;
using Credence.Registry.Access;
using Credence.Registry.Caching;
using Credence.Registry.Storage;

namespace Credence.Registry.Policies;

/// <summary>
/// Policies: validating and uploading their YAML (refused with every problem listed), explicit dated
/// activation, and the policy that governs a kind of subject at an instant: the latest activation
/// whose effective instant has come. Each version is compiled once and cached.
/// </summary>
/// <remarks>
/// Implementation note: activations are few and read on every intake and decision, so they are held
/// in memory under a lease on the store's count of activations (<see cref="CacheLease"/>). This registry
/// reloads them when it activates a policy; an activation written by another process on the same
/// store (another silo of the cluster, the command line while the server runs) is picked up within half
/// a second, and with peers (the silos of a cluster) an activation is acknowledged only once every peer's
/// lease that could still hold the old activations ran out, so that from its acknowledgement on every silo
/// decides under it from its effective instant (docs/cluster.md). They are first read on first use
/// (reads are asynchronous, so not in the constructor).
/// </remarks>
public sealed class PolicyService
{
    private readonly IRegistryStore store;
    private readonly TimeProvider clock;
    private readonly AccessRecorder access;
    private readonly ConcurrentDictionary<string, CompiledPolicy> compiled = new(StringComparer.Ordinal);
    private readonly CacheLease lease;
    private volatile Snapshot? snapshot;

    /// <param name="peers">True when other processes serve the same store and cache its activations (the silos of a cluster): an activation then waits out their lease before it is acknowledged.</param>
    public PolicyService(IRegistryStore store, TimeProvider clock, AccessRecorder access, bool peers = false)
    {
        this.store = store;
        this.clock = clock;
        this.access = access;
        lease = new CacheLease(store, r => r.ActivationCount(), peers);
    }

    /// <summary>Loads and validates policy text without storing it.</summary>
    public static Outcome<Policy> Validate(string yaml, string? fileName = null)
    {
        var result = PolicyLoader.Load(yaml ?? string.Empty, fileName);
        if (result.IsValid)
        {
            return result.Policy!;
        }

        return new RegistryProblem(ProblemTypes.InvalidPolicy, $"the policy has {result.Problems.Length} problem{(result.Problems.Length == 1 ? string.Empty : "s")}; it was not stored")
        {
            Errors = [.. result.Problems.Select(p => p.ToString())],
        };
    }

    /// <summary>Validates policy text for an operator, without storing it.</summary>
    public async Task<Outcome<Policy>> ValidateAsync(Principal by, string yaml, string? fileName = null, CancellationToken cancellationToken = default)
    {
        if (await access.RequireAsync(by, "policy.validate", null, cancellationToken, Role.Operator).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        return Validate(yaml, fileName);
    }

    /// <summary>Stores a valid policy under its version tag (operator only). The same text again is accepted; other text under a stored tag is a <c>conflict</c>.</summary>
    public async Task<Outcome<PolicyUpload>> UploadAsync(Principal by, string yaml, string? fileName = null, CancellationToken cancellationToken = default)
    {
        if (await access.RequireAsync(by, "policy.upload", null, cancellationToken, Role.Operator).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var validated = Validate(yaml, fileName);
        if (!validated.IsOk)
        {
            return await access.RefuseAsync(by, "policy.upload", null, validated.Problem, cancellationToken).ConfigureAwait(false);
        }

        var policy = validated.Value;
        var now = clock.GetUtcNow();
        yaml = PolicyText.WithoutMark(yaml);
        var stored = new StoredPolicy(policy.VersionTag, policy.Id, policy.Version, policy.Subjects, yaml, now, by.Name);
        return await store.WriteAsync<Outcome<PolicyUpload>>(w =>
        {
            if (w.FindPolicy(stored.Tag) is { } existing)
            {
                return existing.Yaml == yaml
                    ? new PolicyUpload(existing, false)
                    : new RegistryProblem(ProblemTypes.Conflict, $"{stored.Tag} is stored with other text; a changed policy needs a new version");
            }

            w.InsertPolicy(stored);
            // The text's digest is part of the ledgered event, so that the text served later can be checked against what was uploaded.
            w.AppendAccess(AccessEvent.By(by, now, "policy.upload", null, null, detail: $"{stored.Tag} {PolicyDigest.Of(yaml)}"));
            return new PolicyUpload(stored, true);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Activates a stored policy for its kind of subject from <paramref name="effectiveFrom"/> (now
    /// when null; never in the past, so that no outcome already given changes its basis). The
    /// version must have a stored simulation report of its exact text and the sign-off of that
    /// newest report by an operator other than its uploader (<see cref="Simulation.SimulationService.TwoPersonRule"/>);
    /// there is no emergency path.
    /// </summary>
    public async Task<Outcome<PolicyActivation>> ActivateAsync(Principal by, string tag, DateTimeOffset? effectiveFrom = null, CancellationToken cancellationToken = default)
    {
        if (await access.RequireAsync(by, "policy.activate", null, cancellationToken, Role.Operator).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (OutsideText.Identifier("tag", tag) is { } unreadable)
        {
            return unreadable;
        }

        var now = clock.GetUtcNow();
        var from = (effectiveFrom ?? now).ToUniversalTime();
        if (from < now)
        {
            return new RegistryProblem(ProblemTypes.BadValue, $"effectiveFrom {from:u} is in the past (now {now:u}); an activation takes effect now or later", "effectiveFrom");
        }

        var outcome = await store.WriteAsync<Outcome<PolicyActivation>>(w =>
        {
            if (w.FindPolicy(tag) is not { } policy)
            {
                return new RegistryProblem(ProblemTypes.NotFound, $"no policy {tag} is stored; upload it first");
            }

            // The two-person rule, read in the same unit as the activation it allows: there is no path around it.
            if (Simulation.SimulationService.TwoPersonRule(w, policy) is { } unsigned)
            {
                return unsigned;
            }

            var activation = new PolicyActivation(0, tag, policy.Subjects, from, now, by.Name);
            activation = activation with { Id = w.InsertActivation(activation) };
            w.AppendAccess(AccessEvent.By(by, now, "policy.activate", null, null, detail: $"{tag} for {Kind(policy.Subjects)} from {from:u}"));
            return activation;
        }, cancellationToken).ConfigureAwait(false);
        if (!outcome.IsOk && outcome.Problem.Type is ProblemTypes.NoSimulation or ProblemTypes.NoSignOff or ProblemTypes.StaleReport or ProblemTypes.ReportMismatch or ProblemTypes.SamePerson)
        {
            await access.RefuseAsync(by, "policy.activate", null, outcome.Problem, cancellationToken).ConfigureAwait(false);
        }

        // Read again on next use, so that this registry sees its own activation at once; peers see it by the time it is acknowledged.
        lease.Invalidate();
        if (outcome.IsOk)
        {
            // Not cancellable: the activation is committed, and its acknowledgement must mean every peer applies it.
            await lease.SettleAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return outcome;
    }

    /// <summary>The policy governing subjects of <paramref name="kind"/> at <paramref name="at"/>, or null when none is active.</summary>
    public async ValueTask<ActivePolicy?> ActiveAtAsync(SubjectKind kind, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        (await CurrentAsync(cancellationToken).ConfigureAwait(false)).ActiveAt(kind, at);

    /// <summary>The policies governing each kind of subject at <paramref name="at"/>.</summary>
    public async ValueTask<IReadOnlyList<ActivePolicy>> ActiveAllAsync(DateTimeOffset at, CancellationToken cancellationToken = default) =>
        (await CurrentAsync(cancellationToken).ConfigureAwait(false)).ActiveAll(at);

    /// <summary>
    /// The activations as this registry knows them now (at most half a second behind another process's,
    /// and never behind an acknowledged activation of a peer), each version compiled on first use: for code
    /// that chooses a policy where it cannot await.
    /// </summary>
    public async ValueTask<PolicySchedule> CurrentAsync(CancellationToken cancellationToken = default)
    {
        // The epoch first: activations read after it are at least as new as the lease says.
        var epoch = await lease.EpochAsync(cancellationToken).ConfigureAwait(false);
        var current = snapshot;
        if (current is not null && current.Epoch == epoch)
        {
            return current.Schedule;
        }

        current = await LoadAsync(epoch, cancellationToken).ConfigureAwait(false);
        snapshot = current;
        return current.Schedule;
    }

    /// <summary>Every stored policy with its activations (operator and auditor).</summary>
    public async Task<Outcome<IReadOnlyList<PolicyListing>>> ListAsync(Principal by, CancellationToken cancellationToken = default)
    {
        if (await access.RequireAsync(by, "policy.list", null, cancellationToken, Role.Operator, Role.Auditor).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var now = clock.GetUtcNow();
        var current = await CurrentAsync(cancellationToken).ConfigureAwait(false);
        var active = current.ActiveAll(now).Select(a => a.Tag).ToHashSet(StringComparer.Ordinal);
        var activations = current.Activations;
        return Outcome.Ok<IReadOnlyList<PolicyListing>>(
            [.. (await store.ReadAsync(r => r.ListPolicies(), cancellationToken).ConfigureAwait(false)).Select(p => new PolicyListing(p, [.. activations.Where(a => a.Tag == p.Tag)], active.Contains(p.Tag)))]);
    }

    /// <summary>
    /// One stored version for its reviewers (operator and auditor, as <see cref="ListAsync"/>): its
    /// activations, its newest simulation report and sign-off, and the two-person rule's refusal of
    /// its activation now, read in one snapshot with the same rule activation applies.
    /// </summary>
    public async Task<Outcome<PolicyReview>> ReviewAsync(Principal by, string tag, CancellationToken cancellationToken = default)
    {
        if (await access.RequireAsync(by, "policy.list", null, cancellationToken, Role.Operator, Role.Auditor).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (OutsideText.Identifier("tag", tag) is { } unreadable)
        {
            return unreadable;
        }

        var now = clock.GetUtcNow();
        var current = await CurrentAsync(cancellationToken).ConfigureAwait(false);
        var review = await store.ReadAsync<PolicyReview?>(r =>
        {
            if (r.FindPolicy(tag) is not { } policy)
            {
                return null;
            }

            var report = r.LatestSimulation(tag) is { } s ? new PolicyReview.Report(s.Id, s.Digest, s.PolicyDigest, s.AgainstTag, s.AsOf, s.CreatedAt, s.CreatedBy) : null;
            var listing = new PolicyListing(policy, [.. current.Activations.Where(a => a.Tag == tag)], current.ActiveAll(now).Any(a => a.Tag == tag));
            return new PolicyReview(listing, report, r.LatestSignOff(tag), Simulation.SimulationService.TwoPersonRule(r, policy));
        }, cancellationToken).ConfigureAwait(false);
        return review is null ? new RegistryProblem(ProblemTypes.NotFound, $"no policy {tag} is stored; upload it first") : review;
    }

    /// <summary>
    /// Every policy version that has governed a kind of subject, with the periods it was in force
    /// until <paramref name="now"/>, in the order they first came into force. Anyone may read them.
    /// </summary>
    /// <remarks>
    /// Implementation note: an uploaded version that never came into force (a draft, or an activation
    /// still ahead) is not published; once in force it stays published forever, so that every outcome
    /// that names it can be checked. Reading a policy concerns no subject and is not logged: the
    /// access log and the ledger are for what touches a subject, and an unauthenticated read must not
    /// make either grow.
    /// </remarks>
    public async Task<IReadOnlyList<PublishedPolicy>> PublishedAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var current = await CurrentAsync(cancellationToken).ConfigureAwait(false);
        var periods = new Dictionary<string, List<PolicyPeriod>>(StringComparer.Ordinal);
        foreach (var kind in Enum.GetValues<SubjectKind>())
        {
            // The governing activation at an instant is the latest effective one, ties to the later activation (as ActiveAt).
            var steps = current.Activations.Where(a => a.Subjects == kind && a.EffectiveFrom <= now)
                .OrderBy(a => a.EffectiveFrom).ThenBy(a => a.Id).ToList();
            for (var i = 0; i < steps.Count; i++)
            {
                var to = i + 1 < steps.Count ? steps[i + 1].EffectiveFrom : (DateTimeOffset?)null;
                if (to == steps[i].EffectiveFrom)
                {
                    continue;
                }

                var list = periods.TryGetValue(steps[i].Tag, out var found) ? found : periods[steps[i].Tag] = [];
                if (list.Count > 0 && list[^1].To == steps[i].EffectiveFrom)
                {
                    list[^1] = list[^1] with { To = to };
                }
                else
                {
                    list.Add(new PolicyPeriod(steps[i].EffectiveFrom, to));
                }
            }
        }

        var stored = await store.ReadAsync(r => periods.Keys.Select(r.FindPolicy).OfType<StoredPolicy>().ToList(), cancellationToken).ConfigureAwait(false);
        return [.. stored
            .Select(p => new PublishedPolicy(p.Tag, p.PolicyId, p.Version, p.Subjects, PolicyDigest.Of(p.Yaml), p.UploadedAt, [.. periods[p.Tag]], PublishedPolicy.PathOf(p.PolicyId, p.Version)))
            .OrderBy(p => p.Periods[0].From).ThenBy(p => p.Tag, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The exact text of a published version (<paramref name="policyId"/> and <paramref name="version"/>
    /// as its tag names them); <c>not-found</c> when no such version has been in force.
    /// </summary>
    public async Task<Outcome<(PublishedPolicy Policy, string Yaml)>> PublishedTextAsync(string policyId, string version, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var tag = $"{policyId}@{version}";
        if ((await PublishedAsync(now, cancellationToken).ConfigureAwait(false)).FirstOrDefault(p => p.Tag == tag) is not { } published
            || await store.ReadAsync(r => r.FindPolicy(tag), cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return new RegistryProblem(ProblemTypes.NotFound, $"no policy {tag} has been in force; GET /v1/public/policies lists those that have");
        }

        return (published, stored.Yaml);
    }

    /// <summary>
    /// Reads the activations, and the text of every activated version not yet compiled, in one read;
    /// a version is compiled when first used, as it was when it was read on first use.
    /// </summary>
    private async Task<Snapshot> LoadAsync(long epoch, CancellationToken cancellationToken)
    {
        var (activations, texts) = await store.ReadAsync(r =>
        {
            var all = r.ListActivations();
            var missing = all.Select(a => a.Tag).Distinct(StringComparer.Ordinal).Where(t => !compiled.ContainsKey(t))
                .Select(r.FindPolicy).OfType<StoredPolicy>().ToDictionary(p => p.Tag, p => p.Yaml, StringComparer.Ordinal);
            return (all, missing);
        }, cancellationToken).ConfigureAwait(false);
        var schedule = new PolicySchedule([.. activations], tag => compiled.TryGetValue(tag, out var found) ? found : compiled.GetOrAdd(tag, t =>
            texts.TryGetValue(t, out var yaml)
                ? CompiledPolicy.Compile(PolicyLoader.Load(yaml, t).EnsureValid())
                : throw new InvalidOperationException($"policy {t} is not stored")));
        return new Snapshot(schedule, epoch);
    }

    private static string Kind(SubjectKind kind) => kind == SubjectKind.Person ? "persons" : "organisations";

    /// <summary>The activations as read in a lease's epoch: good while the epoch is current.</summary>
    private sealed record Snapshot(PolicySchedule Schedule, long Epoch);
}
