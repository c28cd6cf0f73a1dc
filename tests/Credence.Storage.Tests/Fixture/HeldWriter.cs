using Credence.Registry.Storage;

namespace Credence.Storage.Tests.Fixture;

/// <summary>
/// A store's writer kept busy by one unit that waits to be let go, so that the units queued meanwhile
/// run together in the writer's next transaction (how the contract tests make a group deterministic
/// without timing).
/// </summary>
internal sealed class HeldWriter : IAsyncDisposable
{
    private readonly SemaphoreSlim running = new(0);
    private readonly SemaphoreSlim release = new(0);
    private readonly Task<bool> holding;
    private bool released;

    private HeldWriter(IRegistryStore store)
    {
        // Holds only the first time it runs: should a unit committed with it fail, it runs again alone, and must not wait again.
        var ran = false;
        holding = store.WriteAsync(_ =>
        {
            if (!ran)
            {
                ran = true;
                running.Release();
                release.Wait();
            }

            return true;
        });
    }

    /// <summary>Queues the holding unit on <paramref name="store"/> and returns once the writer runs it.</summary>
    public static async Task<HeldWriter> HoldAsync(IRegistryStore store)
    {
        var held = new HeldWriter(store);
        await held.running.WaitAsync();
        return held;
    }

    /// <summary>Lets the holding unit finish; the units queued meanwhile then run.</summary>
    public async Task ReleaseAsync()
    {
        if (!released)
        {
            released = true;
            release.Release();
        }

        await holding;
    }

    /// <summary>Lets go if a test ended before it did, so the store can close.</summary>
    public async ValueTask DisposeAsync()
    {
        await ReleaseAsync();
        running.Dispose();
        release.Dispose();
    }
}
