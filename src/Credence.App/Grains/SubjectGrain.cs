using Credence.Registry;
using Credence.Registry.Decisions;
using Orleans;
using Orleans.Concurrency;

namespace Credence.App.Grains;

/// <summary>
/// A subject's grain: the one place in the cluster where the subject's decisions and file reads are answered,
/// through the registry's own <see cref="DecisionService"/> and <see cref="Registry.Subjects.SubjectFileService"/>,
/// which store and ledger each decision and each read in its unit of work before it is answered. Deactivates
/// when idle (<see cref="SubjectGrains"/>), or earlier when it is the least recently used and the silo's
/// <see cref="SubjectBudget"/> is exceeded.
/// </summary>
/// <remarks>
/// Implementation note: decisions are answered from the subject's file held in memory (<see cref="HeldFile"/>), but
/// whether that file is still the subject's is decided by the store's writer inside the decision's own unit of work
/// (<see cref="Registry.Storage.IRegistryWriter.FileUnchangedSince"/>), never by the grain. Session 12 checked the
/// held file against the grain's generation when the call started; the decision's unit runs later, on the writer,
/// and a write committed in between (told to the grain only after its commit, from whichever silo took it) came
/// before the decision in the store's one order, yet the decision was answered without it (the cluster's racing
/// test caught it: a record reported at .3766 s, a decision at .3949 s allowed without it). The generation the
/// writes tell (<see cref="ActiveSubjects"/>) now only makes the grain drop a file sooner, sparing the unit a
/// stale file's check. File reads answer from the same held file under the same check, made in the unit of work
/// that logs the read (since session 16; before, they read the records in their own snapshot).
/// Implementation note: reentrant, so that decisions on one subject still queue together in the store's group
/// commit rather than one commit after another.
/// Implementation note: every call, whatever its method, passes <see cref="Invoke"/>, which makes the grain its
/// silo's most recently used (one atomic increment); eviction is a deactivation like idle collection.
/// </remarks>
[Reentrant]
internal sealed class SubjectGrain(CredenceRegistry registry, ActiveSubjects active) : Grain, ISubjectGrain, IIncomingGrainCallFilter
{
    /// <summary>Why a grain the budget evicts deactivates (in Orleans' logs and its deactivation reason).</summary>
    private static readonly DeactivationReason Evicted = new(DeactivationReasonCode.ApplicationRequested, "least recently used subject grain over the silo's budget (Credence:SubjectGrains:Budget)");

    private SubjectGeneration? generation;
    private SubjectUse? use;
    private HeldFile? held;
    private long heldAt;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        generation = active.Enter(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (use is { } counted)
        {
            active.Budget.Leave(counted);
            use = null;
        }

        if (generation is { } entered)
        {
            active.Leave(this.GetPrimaryKeyString(), entered);
            generation = null;
        }

        held = null;
        return Task.CompletedTask;
    }

    public async Task<DecisionReply> Decide(DecisionAsk ask, CancellationToken cancellationToken = default)
    {
        var started = Started();
        var (decision, next) = await registry.Decisions.DecideAsync(ask.Asker(), ask.SubjectText, ask.Measure, HeldSince(started), cancellationToken);
        Keep(started, next);
        return DecisionReply.Of(decision);
    }

    /// <summary>Reads the file through the registry's own <see cref="Registry.Subjects.SubjectFileService"/>; the read is logged before it is answered.</summary>
    public async Task<FileReadReply> ReadFile(FileReadAsk ask, CancellationToken cancellationToken = default)
    {
        var started = Started();
        var (reply, next) = await SubjectGrains.ReadHereAsync(registry, ask.Reader(), ask.SubjectText, ask.Purpose, HeldSince(started), cancellationToken);
        Keep(started, next);
        return reply;
    }

    private long Started() => (generation ?? throw new InvalidOperationException("a subject grain asked before it activated")).Value;

    /// <summary>The held file, if no change was told since it was kept.</summary>
    private HeldFile? HeldSince(long started) => held is not null && heldAt == started ? held : null;

    /// <summary>
    /// Keeps the file a call returned only if no change was told while the call ran, and only the grain's own
    /// subject's: a hint, the writer's check in the next unit is what makes it safe.
    /// </summary>
    private void Keep(long started, HeldFile? next)
    {
        if (generation is { } watched && watched.Value == started && (next is null || next.File.Subject.Value == this.GetPrimaryKeyString()))
        {
            held = next;
            heldAt = started;
        }
    }

    /// <summary>Every call to the grain makes it the most recently used of its silo; the first counts it against the budget.</summary>
    /// <remarks>
    /// Implementation note: counted at its first call, not in <see cref="OnActivateAsync"/>, because only an activation
    /// that completed is sure to pass <see cref="OnDeactivateAsync"/> when asked to leave (one asked while still
    /// activating is dropped by Orleans without it, and would stay counted here). Calls run one at a time between
    /// awaits on the grain's scheduler, so the first call alone sees <see cref="use"/> null.
    /// </remarks>
    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (use is { } counted)
        {
            active.Budget.Touch(counted);
        }
        else
        {
            var grain = GrainContext;
            use = active.Budget.Enter(this.GetPrimaryKeyString(), () => grain.Deactivate(Evicted, CancellationToken.None));
        }

        return context.Invoke();
    }
}
