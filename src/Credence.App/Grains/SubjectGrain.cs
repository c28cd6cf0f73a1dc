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
/// Implementation note: the grain does not answer from a file held in memory, though the use cases can take one
/// (<see cref="HeldFile"/>) and the grain still enters its silo's <see cref="ActiveSubjects"/>, where writes mark it.
/// A held file was checked against the grain's generation when the call started, but the decision's unit of work
/// runs later, on the store's writer; a write committed in between (told to the grain only after its commit, from
/// whichever silo took it) came before the decision in the store's one order, yet the decision was answered from
/// the file without it: a decision stored as of an instant at which it is not what the stored records imply. The
/// cluster's racing test caught it (a record reported at .3766 s, a decision at .3949 s allowed without it). Until
/// the writer itself can tell, inside the unit, that the subject did not change since the file was read (a change
/// stamp kept with the subject's rows and checked where the unit runs), every call reads the subject's file inside
/// its own unit or snapshot: exact, at the cost of one indexed read that the store batches with its neighbours'.
/// The measured cost is in BENCHMARKS.md ("Cluster").
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

        return Task.CompletedTask;
    }

    public async Task<DecisionReply> Decide(DecisionAsk ask, CancellationToken cancellationToken = default) =>
        DecisionReply.Of(await registry.Decisions.DecideAsync(ask.Asker(), ask.SubjectText, ask.Measure, cancellationToken));

    /// <summary>Reads the file through the registry's own <see cref="Registry.Subjects.SubjectFileService"/>; the read is logged before it is answered.</summary>
    public Task<FileReadReply> ReadFile(FileReadAsk ask, CancellationToken cancellationToken = default) =>
        SubjectGrains.ReadHereAsync(registry, ask.Reader(), ask.SubjectText, ask.Purpose, cancellationToken);

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
