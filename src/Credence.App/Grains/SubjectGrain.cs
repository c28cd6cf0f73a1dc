using Credence.Registry;
using Credence.Registry.Decisions;
using Orleans;
using Orleans.Concurrency;

namespace Credence.App.Grains;

/// <summary>
/// A subject's grain: holds the subject's file (and its facts compiled under the policy in force) in
/// memory and answers decisions from it through the registry's own <see cref="DecisionService"/>, which
/// still stores and ledgers each decision in its unit of work before it is answered. Forgets the file
/// when a write changed it (its silo's <see cref="ActiveSubjects"/> advances its generation); deactivates
/// when idle (<see cref="SubjectGrains"/>), or earlier when it is the least recently used and the silo's
/// <see cref="SubjectBudget"/> is exceeded.
/// </summary>
/// <remarks>
/// Implementation note: reentrant, so that decisions on one subject still queue together in the store's
/// group commit rather than one commit after another. Interleaving is safe by the generation: the grain
/// enters its silo's <see cref="ActiveSubjects"/> before it can read a file, a decision notes the generation
/// before it reads, answers from the held file only if it was read at that generation, and keeps the file
/// it read only if the generation did not move while it was decided; so a file read before a change
/// committed is never kept, nor answered from, after the change was told. A decision already under way when
/// a change is told may still answer from the file as it was: the change has not been acknowledged yet, so
/// the two were concurrent and either order is a true one.
/// Implementation note: every call, whatever its method, passes <see cref="Invoke"/>, which makes the grain its
/// silo's most recently used (one atomic increment); eviction is a deactivation like idle collection, so the
/// generation rules above hold for an evicted grain as for a collected one (it stays told until it has left,
/// and the next activation reads the store).
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
        var (started, file) = Held();
        var (decision, next) = await registry.Decisions.DecideAsync(ask.Asker(), ask.SubjectText, ask.Measure, file, cancellationToken);
        Keep(started, next);
        return DecisionReply.Of(decision);
    }

    /// <summary>
    /// Reads the file through the registry's own <see cref="Registry.Subjects.SubjectFileService"/>, from the
    /// held file under the same generation rules as <see cref="Decide"/>; the read is logged before it is answered.
    /// </summary>
    public async Task<FileReadReply> ReadFile(FileReadAsk ask, CancellationToken cancellationToken = default)
    {
        var (started, file) = Held();
        var (read, next) = ask.SubjectText is null
            ? await registry.Subjects.ReadOwnAsync(ask.Reader(), file, cancellationToken)
            : await registry.Subjects.ReadAsync(ask.Reader(), ask.SubjectText, ask.Purpose, file, cancellationToken);
        Keep(started, next);
        return FileReadReply.Of(read);
    }

    /// <summary>The generation a call starts at, and the held file if it was read at that generation.</summary>
    private (long Started, HeldFile? File) Held()
    {
        var started = (generation ?? throw new InvalidOperationException("a subject grain asked before it activated")).Value;
        return (started, held is not null && heldAt == started ? held : null);
    }

    /// <summary>Keeps the file a call read only if no change was told while it ran, and only the grain's own subject's.</summary>
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
