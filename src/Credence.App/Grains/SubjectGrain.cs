using Credence.Registry;
using Credence.Registry.Decisions;
using Orleans;
using Orleans.Concurrency;

namespace Credence.App.Grains;

/// <summary>
/// A subject's grain: holds the subject's file (and its facts compiled under the policy in force) in
/// memory and answers decisions from it through the registry's own <see cref="DecisionService"/>, which
/// still stores and ledgers each decision in its unit of work before it is answered. Forgets the file
/// when told that a write changed it (<see cref="Forget"/>); deactivates when idle (<see cref="SubjectGrains"/>).
/// </summary>
/// <remarks>
/// Implementation note: reentrant, so that decisions on one subject still queue together in the store's
/// group commit rather than one commit after another. Interleaving is safe by a generation count: a
/// decision keeps the file it read only if no <see cref="Forget"/> came while it was being decided, so a
/// file read before a change committed is never kept after the change was signalled. A decision already
/// under way when a change is signalled may still answer from the file as it was: the change has not been
/// acknowledged yet, so the two were concurrent and either order is a true one.
/// </remarks>
[Reentrant]
internal sealed class SubjectGrain(CredenceRegistry registry) : Grain, ISubjectGrain
{
    private HeldFile? held;
    private long generation;

    public async Task<DecisionReply> Decide(DecisionAsk ask, CancellationToken cancellationToken = default)
    {
        var started = generation;
        var (decision, next) = await registry.Decisions.DecideAsync(ask.Asker(), ask.SubjectText, ask.Measure, held, cancellationToken);
        if (generation == started && (next is null || next.File.Subject.Value == this.GetPrimaryKeyString()))
        {
            held = next;
        }

        return DecisionReply.Of(decision);
    }

    public Task Forget()
    {
        generation++;
        if (held is null)
        {
            // Activated only to be told (or already empty): nothing to keep in memory for, so go at once.
            DeactivateOnIdle();
        }

        held = null;
        return Task.CompletedTask;
    }
}
