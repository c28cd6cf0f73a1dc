using Orleans.Runtime;

namespace Credence.App.Grains;

/// <summary>
/// Tells every silo of the cluster which subjects a committed write changed, before the write is acknowledged:
/// this silo's <see cref="ActiveSubjects"/> at once, every other silo in one message (<see cref="ISiloSubjectsGrain"/>).
/// </summary>
/// <remarks>
/// Implementation note: the silos told are those the membership says are active, shutting down or stopping
/// (the last two may still hold grains); a silo that joins later has no grain holding a file read before
/// the write, and a dead one holds none at all. A silo that fails to answer fails the write's answer
/// (committed, not acknowledged; the retry tells again) unless the membership declared it dead meanwhile.
/// With one silo nothing crosses the network and no grain wakes: marking 10,000 subjects is 10,000 look-ups.
/// The membership is Orleans' own view, kept by gossip and the membership table; it is the same view the
/// grain directory places grains by, so a grain this silo cannot yet see the silo of is a grain the directory
/// could not have named either.
/// </remarks>
internal sealed class SubjectForgetting(ActiveSubjects active, Func<ClusterMembershipSnapshot> membership, SiloAddress local, Func<SiloAddress, string[], Task> tell)
{
    /// <summary>Marks the changed subjects stale on every silo that may hold their grain; returns once all have.</summary>
    /// <exception cref="InvalidOperationException">This silo is not (or no longer) a member of the cluster.</exception>
    public Task ForgetAsync(IReadOnlyCollection<string> subjects)
    {
        var snapshot = membership();
        if (!MayHoldGrains(snapshot.GetSiloStatus(local)))
        {
            // Before this silo joined (or once it left) it cannot know which silos hold grains: fail the answer.
            throw new InvalidOperationException($"silo {local} is not an active member of the cluster ({snapshot.GetSiloStatus(local)}): the subjects changed cannot be told");
        }

        active.Forget(subjects);
        var others = snapshot.Members.Values.Where(m => m.SiloAddress != local && MayHoldGrains(m.Status)).Select(m => m.SiloAddress).ToList();
        if (others.Count == 0)
        {
            return Task.CompletedTask;
        }

        var batch = subjects as string[] ?? [.. subjects];
        return Task.WhenAll(others.Select(silo => TellAsync(silo, batch)));
    }

    private async Task TellAsync(SiloAddress silo, string[] subjects)
    {
        try
        {
            await tell(silo, subjects);
        }
        catch (Exception) when (membership().GetSiloStatus(silo) == SiloStatus.Dead)
        {
            // Declared dead while being told: its grains are gone with it.
        }
    }

    private static bool MayHoldGrains(SiloStatus status) => status is SiloStatus.Active or SiloStatus.ShuttingDown or SiloStatus.Stopping;
}
