using Credence.Registry.Storage;

namespace Credence.Registry.Caching;

/// <summary>
/// Keeps a cache held in one process true to a store that other processes write too (the other silos of a
/// cluster, the command line): the cache answers from memory only while its lease runs, that is for less than
/// <see cref="Length"/> after the start of its last read of a generation the store moves on every change the
/// cache holds (<see cref="IRegistryReader.RevokedKeyCount"/>, <see cref="IRegistryReader.ActivationCount"/>).
/// When the generation moved, a new epoch begins and whatever was cached in an older one is read again.
/// </summary>
/// <remarks>
/// Implementation note: a lease, not a message to each silo, because a lost message (a silo restarting, a
/// partition) would leave a silo wrong for as long as nothing else told it, and because the command line writes
/// the same store without being a silo. A lease costs one small read per cache per <see cref="Length"/>, made
/// only while the cache is used, and shared by every request that arrives while it is in flight. Lease time is
/// the process's monotonic clock (<see cref="Environment.TickCount64"/>), never the registry's
/// <see cref="TimeProvider"/>: the lease bounds how stale memory may be in real time, whatever instant the
/// registry's clock says. The argument (docs/cluster.md): a value used at real time u was read in an epoch whose
/// generation check began after u - Length, so any change committed before then is seen; a change acknowledged
/// only <see cref="Length"/> after its commit (<see cref="SettleAsync"/>) is therefore seen by every process
/// from its acknowledgement on.
/// </remarks>
internal sealed class CacheLease
{
    /// <summary>How long a cache may answer from memory after the start of its last generation check.</summary>
    public static readonly TimeSpan Length = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// What a change waits after its commit before it is acknowledged when peers cache the same store: the lease,
    /// and a margin for the processes' clocks ticking at slightly different rates and for the check's own read.
    /// </summary>
    public static readonly TimeSpan Settle = Length + TimeSpan.FromMilliseconds(100);

    private static readonly long LengthMs = (long)Length.TotalMilliseconds;

    private readonly IRegistryStore store;
    private readonly Func<IRegistryReader, long> generationOf;
    private readonly bool peers;
    private readonly Lock gate = new();
    private long generation = -1;
    private long checkedAt = long.MinValue / 2;
    private long epoch;
    private Task<long>? pending;
    private long pendingStartedAt;

    /// <param name="store">The store whose generation is read.</param>
    /// <param name="generationOf">The generation: a number the store moves on every change the cache holds.</param>
    /// <param name="peers">True when other processes serve the same store and cache it (the silos of a cluster).</param>
    public CacheLease(IRegistryStore store, Func<IRegistryReader, long> generationOf, bool peers)
    {
        this.store = store;
        this.generationOf = generationOf;
        this.peers = peers;
    }

    /// <summary>
    /// The epoch the cache is in now, after reading the store's generation if the lease ran out. A value cached
    /// under an epoch is good only while the epoch is still the current one; take the epoch before reading the
    /// value from the store, so that a value read across a change is never taken as current.
    /// </summary>
    public ValueTask<long> EpochAsync(CancellationToken cancellationToken)
    {
        Task<long> check;
        lock (gate)
        {
            var now = Environment.TickCount64;
            if (now - checkedAt < LengthMs)
            {
                return ValueTask.FromResult(epoch);
            }

            // Join a check still in flight only while it began within the lease: what it reads is then new enough.
            // (A finished one is never joined: its epoch may be older than an invalidation since.)
            if (pending is not { IsCompleted: false } || now - pendingStartedAt >= LengthMs)
            {
                pendingStartedAt = now;
                pending = CheckAsync(now);
            }

            check = pending;
        }

        return new ValueTask<long>(check.WaitAsync(cancellationToken));
    }

    /// <summary>This process changed what the cache holds: whatever was cached is read again, and the generation is checked on next use.</summary>
    public void Invalidate()
    {
        lock (gate)
        {
            epoch++;
            checkedAt = long.MinValue / 2;
            pending = null;
        }
    }

    /// <summary>
    /// Waits, after this process committed a change, until every peer's lease that may still hold the old value
    /// ran out, so that the change is acknowledged only when every process honours it; nothing when there are no peers.
    /// </summary>
    public Task SettleAsync(CancellationToken cancellationToken) => peers ? Task.Delay(Settle, cancellationToken) : Task.CompletedTask;

    private async Task<long> CheckAsync(long startedAt)
    {
        long seen;
        try
        {
            seen = await store.ReadAsync(generationOf, CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            lock (gate)
            {
                Done(startedAt);
            }

            throw;
        }

        lock (gate)
        {
            Done(startedAt);

            // A check that began before the latest one finished tells nothing newer: it neither renews the lease nor moves the epoch.
            if (startedAt > checkedAt)
            {
                checkedAt = startedAt;
                if (seen != generation)
                {
                    generation = seen;
                    epoch++;
                }
            }

            return epoch;
        }
    }

    private void Done(long startedAt)
    {
        if (pendingStartedAt == startedAt)
        {
            pending = null;
        }
    }
}
