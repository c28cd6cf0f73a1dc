using Credence.Core.Identifiers;
using Credence.Registry.Access;
using Credence.Registry.Policies;
using Credence.Registry.Storage;

namespace Credence.Registry.State;

/// <summary>
/// Keeps the stored subject states and listings exact for the readers that use them (public lists
/// and the summary): before such a read, subjects whose review time has come, and all subjects of a
/// kind whose governing policy changed since their states were computed, are re-scored.
/// </summary>
/// <remarks>
/// Implementation note: this replaces a nightly batch job with work done lazily, in chunks through
/// the writer, only when something is due; when nothing is, a refresh is two indexed queries.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "A SemaphoreSlim whose wait handle is never used holds nothing to dispose.")]
public sealed class StateService
{
    private const int Chunk = 2000;

    /// <summary>Due subjects read at once, and queued as units of <see cref="Chunk"/>.</summary>
    private const int DueAtOnce = 20 * Chunk;

    private readonly IRegistryStore store;
    private readonly TimeProvider clock;
    private readonly PolicyService policies;
    private readonly AccessRecorder access;
    private readonly IdentifierAllowList? allowList;
    private readonly SemaphoreSlim gate = new(1, 1);

    public StateService(IRegistryStore store, TimeProvider clock, PolicyService policies, AccessRecorder access, IdentifierAllowList? allowList = null)
    {
        this.store = store;
        this.clock = clock;
        this.policies = policies;
        this.access = access;
        this.allowList = allowList;
    }

    /// <summary>Re-scores what is due; returns how many subjects were re-scored.</summary>
    public async Task<int> RefreshAsync(CancellationToken cancellationToken = default) =>
        (await RefreshUpToAsync(cancellationToken).ConfigureAwait(false)).Count;

    /// <summary>Re-scores what is due; returns how many subjects were re-scored and the instant it acted up to.</summary>
    public async Task<(int Count, DateTimeOffset AsOf)> RefreshUpToAsync(CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = clock.GetUtcNow();
            var schedule = await policies.CurrentAsync(cancellationToken).ConfigureAwait(false);
            var count = 0;
            foreach (var kind in Enum.GetValues<SubjectKind>())
            {
                if (schedule.ActiveAt(kind, now) is { } policy
                    && await store.ReadAsync(r => r.MaterialisedPolicy(kind), cancellationToken).ConfigureAwait(false) is { } computed && computed != policy.Tag)
                {
                    count += await RescoreAll(schedule, kind, policy, now, cancellationToken).ConfigureAwait(false);
                }
            }

            while (await store.ReadAsync(r => r.SubjectsDueForReview(now, DueAtOnce), cancellationToken).ConfigureAwait(false) is { Count: > 0 } due)
            {
                // Implementation note: the units of one read are queued together, so the writer takes
                // them into as few transactions as its batching allows (each subject's state and
                // index pages are then written to the log once, not once per chunk), and computes
                // one unit's subjects while the next waits. Each unit still holds its own subjects only.
                var units = due.Chunk(Chunk).Select(chunk => Rescore(schedule, chunk, now, cancellationToken)).ToList();
                var done = (await Task.WhenAll(units).ConfigureAwait(false)).Sum();
                count += done;
                if (done == 0)
                {
                    break;
                }
            }

            return (count, now);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Re-scores one subject if its review time has come or its state was computed under another
    /// policy: what a use case about that subject alone needs before it reads or acts, without
    /// the registry-wide work of <see cref="RefreshAsync"/>.
    /// </summary>
    public async Task RefreshSubjectAsync(SubjectId subject, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var schedule = await policies.CurrentAsync(cancellationToken).ConfigureAwait(false);
        if (await store.ReadAsync(r => r.FindSubjectState(subject.Value), cancellationToken).ConfigureAwait(false) is { } stored
            && (stored.ReviewAt <= now || schedule.ActiveAt(subject.Kind, now) is { } policy && policy.Tag != stored.PolicyTag))
        {
            await Rescore(schedule, [subject.Value], now, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Every subject whose stored state differs from a fresh assessment at the state's own instant
    /// (see <see cref="StateCheck"/>), in identifier order; for the operator or an auditor, and logged.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<StateDamage>>> CheckAsync(Principal by, CancellationToken cancellationToken = default)
    {
        if (await access.RequireAsync(by, "state.check", null, cancellationToken, Role.Operator, Role.Auditor).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var damaged = new List<StateDamage>();
        var checkedCount = 0;
        var schedule = await policies.CurrentAsync(cancellationToken).ConfigureAwait(false);
        foreach (var kind in Enum.GetValues<SubjectKind>())
        {
            var after = string.Empty;
            while (await store.ReadAsync(r => r.SubjectsOfKind(kind, after, Chunk), cancellationToken).ConfigureAwait(false) is { Count: > 0 } subjects)
            {
                damaged.AddRange(await store.ReadAsync(r => Check(r, schedule, subjects), cancellationToken).ConfigureAwait(false));
                checkedCount += subjects.Count;
                after = subjects[^1];
            }
        }

        await access.RecordAsync(AccessEvent.By(by, clock.GetUtcNow(), "state.check", null, "state check", AccessOutcome.Ok,
            $"{checkedCount} subject states checked, {damaged.Count} differ from a fresh assessment"), cancellationToken).ConfigureAwait(false);
        return damaged;
    }

    /// <summary>
    /// Repairs every damaged subject (see <see cref="CheckAsync"/>) through the ordinary writer: each
    /// is checked again and, if still damaged, re-derived from its records in a unit of work that
    /// logs the repair on the subject (a ledger entry it sees) and sends the notices the change
    /// calls for. For the operator only. Returns the damage repaired.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<StateDamage>>> RepairAsync(Principal by, CancellationToken cancellationToken = default)
    {
        if (await access.RequireAsync(by, "state.repair", null, cancellationToken, Role.Operator).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var found = await CheckAsync(by, cancellationToken).ConfigureAwait(false);
        if (!found.IsOk)
        {
            return found.Problem;
        }

        var repaired = new List<StateDamage>();
        foreach (var damage in found.Value!)
        {
            var now = clock.GetUtcNow();
            var schedule = await policies.CurrentAsync(cancellationToken).ConfigureAwait(false);
            if (!SubjectIdentifiers.TryParse(damage.Subject, DateOnly.FromDateTime(now.UtcDateTime), out var id, allowList)
                || schedule.ActiveAt(id.Kind, now) is not { } policy)
            {
                continue;
            }

            if (await store.WriteAsync(w => StateCheck.Repair(w, by, id, policy, schedule.Compiled), cancellationToken).ConfigureAwait(false) is { } done)
            {
                repaired.Add(done);
            }
        }

        return repaired;
    }

    private List<StateDamage> Check(IRegistryReader reader, PolicySchedule schedule, IReadOnlyList<string> subjects)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var damaged = new List<StateDamage>();
        foreach (var text in subjects)
        {
            if (reader.FindSubjectState(text) is not { } stored)
            {
                continue;
            }

            if (!SubjectIdentifiers.TryParse(text, today, out var id, allowList))
            {
                damaged.Add(new StateDamage(text, stored.PolicyTag, stored.EvaluatedAt, ["the stored subject is no valid identifier"]));
                continue;
            }

            var differences = StateCheck.Differences(reader, id, stored, schedule.Compiled(stored.PolicyTag));
            if (!differences.IsEmpty)
            {
                damaged.Add(new StateDamage(text, stored.PolicyTag, stored.EvaluatedAt, differences));
            }
        }

        return damaged;
    }

    /// <summary>The summary for the operator or an auditor.</summary>
    public async Task<Outcome<RegistrySummary>> SummaryAsync(Principal by, CancellationToken cancellationToken = default)
    {
        if (await access.RequireAsync(by, "summary.read", null, cancellationToken, Role.Operator, Role.Auditor).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        return await SummaryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The summary, for code that holds the registry itself (the demo).</summary>
    public async Task<RegistrySummary> SummaryAsync(CancellationToken cancellationToken = default)
    {
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var active = await policies.ActiveAllAsync(now, cancellationToken).ConfigureAwait(false);
        return new RegistrySummary(now, [.. active.Select(p => p.Tag)], await store.ReadAsync(r => r.Counts(now), cancellationToken).ConfigureAwait(false));
    }

    private async Task<int> RescoreAll(PolicySchedule schedule, SubjectKind kind, ActivePolicy policy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var count = 0;
        var after = string.Empty;
        while (await store.ReadAsync(r => r.SubjectsOfKind(kind, after, Chunk), cancellationToken).ConfigureAwait(false) is { Count: > 0 } subjects)
        {
            count += await Rescore(schedule, subjects, now, cancellationToken).ConfigureAwait(false);
            after = subjects[^1];
        }

        await store.WriteAsync(w =>
        {
            w.SetMaterialisedPolicy(kind, policy.Tag);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return count;
    }

    private Task<int> Rescore(PolicySchedule schedule, IReadOnlyList<string> subjects, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var work = new List<(SubjectId Subject, ActivePolicy Policy)>(subjects.Count);
        foreach (var text in subjects)
        {
            if (SubjectIdentifiers.TryParse(text, today, out var id, allowList) && schedule.ActiveAt(id.Kind, now) is { } policy)
            {
                work.Add((id, policy));
            }
        }

        return store.WriteAsync(w => SubjectScorer.Rescore(w, work).Length, cancellationToken);
    }
}
