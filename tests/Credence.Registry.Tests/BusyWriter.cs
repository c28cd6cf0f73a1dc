using Credence.Registry.Storage;

namespace Credence.Registry.Tests;

/// <summary>
/// Holds the store's single writer inside a unit of work, so that the writes queued meanwhile are
/// taken together as one group when it is released (how tests exercise group commit).
/// </summary>
internal sealed class BusyWriter : IDisposable
{
    private readonly ManualResetEventSlim gate = new();
    private readonly Task<bool> blocker;

    private BusyWriter(IRegistryStore store)
    {
        using var running = new ManualResetEventSlim();
        blocker = store.WriteAsync(_ =>
        {
            running.Set();
            gate.Wait();
            return true;
        });
        running.Wait();
    }

    /// <summary>Returns once the writer is busy with the holding unit.</summary>
    public static BusyWriter Hold(IRegistryStore store) => new(store);

    /// <summary>Lets the writer go on to the queued writes.</summary>
    public async Task ReleaseAsync()
    {
        gate.Set();
        await blocker;
    }

    public void Dispose() => gate.Dispose();
}
