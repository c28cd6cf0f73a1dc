using System.Collections.Concurrent;
using Credence.Registry.Storage;

namespace Credence.Registry.Principals;

/// <summary>
/// Known keys by hash, so that authenticating a request costs a hash and a dictionary look-up. Each entry
/// belongs to the epoch of the key cache's lease (<see cref="Caching.CacheLease"/> over
/// <see cref="IRegistryReader.RevokedKeyCount"/>) it was read in, and is good only in that epoch: a key revoked
/// by any process on the same store is refused here within the lease, one revoked through this registry at once.
/// </summary>
/// <remarks>Implementation note: unknown keys are not cached, so a flood of wrong keys cannot grow the cache.</remarks>
internal sealed class PrincipalCache
{
    private const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<string, (KeyHolder Holder, long Epoch)> entries = new(StringComparer.Ordinal);
    private long seenEpoch;

    /// <summary>The key cached under <paramref name="hash"/> in <paramref name="epoch"/>, or null; entries of older epochs are dropped.</summary>
    public KeyHolder? Find(string hash, long epoch)
    {
        var seen = Volatile.Read(ref seenEpoch);
        if (epoch > seen && Interlocked.CompareExchange(ref seenEpoch, epoch, seen) == seen)
        {
            // A new epoch: every key may have been revoked. Entries are tagged, so a racing Add of an old one does no harm.
            entries.Clear();
        }

        return entries.TryGetValue(hash, out var entry) && entry.Epoch == epoch ? entry.Holder : null;
    }

    /// <summary>Caches a key read from the store in <paramref name="epoch"/> (the epoch taken before the read began).</summary>
    public void Add(string hash, KeyHolder holder, long epoch)
    {
        if (entries.Count >= MaxEntries)
        {
            entries.Clear();
        }

        entries[hash] = (holder, epoch);
    }
}
