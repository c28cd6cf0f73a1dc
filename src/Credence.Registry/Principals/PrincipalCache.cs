using System.Collections.Concurrent;
using Credence.Registry.Storage;

namespace Credence.Registry.Principals;

/// <summary>
/// Known keys by hash, so that authenticating a request costs a hash and a dictionary look-up.
/// Entries expire after <see cref="Lifetime"/> (monotonic time) so that a key revoked by another
/// process on the same database stops working soon; revocations through this registry are immediate.
/// </summary>
/// <remarks>Implementation note: unknown keys are not cached, so a flood of wrong keys cannot grow the cache.</remarks>
internal sealed class PrincipalCache
{
    private const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<string, (KeyHolder Holder, long LoadedAt)> entries = new(StringComparer.Ordinal);

    public static TimeSpan Lifetime { get; } = TimeSpan.FromSeconds(30);

    public KeyHolder? Find(string hash)
    {
        if (entries.TryGetValue(hash, out var entry) && Environment.TickCount64 - entry.LoadedAt < Lifetime.TotalMilliseconds)
        {
            return entry.Holder;
        }

        return null;
    }

    public void Add(string hash, KeyHolder holder)
    {
        if (entries.Count >= MaxEntries)
        {
            entries.Clear();
        }

        entries[hash] = (holder, Environment.TickCount64);
    }

    public void Forget(long keyId)
    {
        foreach (var (hash, entry) in entries)
        {
            if (entry.Holder.KeyId == keyId)
            {
                entries.TryRemove(hash, out _);
            }
        }
    }
}
