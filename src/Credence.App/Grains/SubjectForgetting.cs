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
/// Implementation note: a silo that does not answer is asked again, every <see cref="RetryPause"/>, until it
/// answers or the membership declares it dead, for at most <paramref name="patience"/> (default
/// <see cref="DefaultPatience"/>, longer than Orleans' death detection with its default probes). A silo killed
/// with <c>kill -9</c> refuses connections at once but stays active in the membership until its peers vote it
/// dead (seconds); failing every write of the cluster meanwhile would turn one dead machine into an outage of
/// all, so the writes wait for the verdict instead (slower answers, none refused), and fail only if it never comes.
/// </remarks>
internal sealed class SubjectForgetting(ActiveSubjects active, Func<ClusterMembershipSnapshot> membership, SiloAddress local, Func<SiloAddress, string[], Task> tell, TimeSpan? patience = null)
{
    /// <summary>How long a write waits at most for a silo that does not answer to answer or be declared dead.</summary>
    public static readonly TimeSpan DefaultPatience = TimeSpan.FromSeconds(60);

    /// <summary>The pause between two attempts to tell a silo that did not answer.</summary>
    public static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(250);

    private readonly TimeSpan patience = patience ?? DefaultPatience;

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
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await tell(silo, subjects);
                return;
            }
            catch (Exception) when (!MayHoldGrains(membership().GetSiloStatus(silo)))
            {
                // Declared dead (or gone) while being told: its grains are gone with it.
                return;
            }
            catch (Exception) when (waited.Elapsed + RetryPause < patience)
            {
                // Not answering yet not declared dead: a silo just killed, or a slow one. Ask again.
            }

            await Task.Delay(RetryPause);
        }
    }

    private static bool MayHoldGrains(SiloStatus status) => status is SiloStatus.Active or SiloStatus.ShuttingDown or SiloStatus.Stopping;
}
