namespace Credence.Registry.DueProcess;

/// <summary>
/// A cheap signal from the writes that may bring a transition forward (a new record, a dispute
/// opened) to the scheduler sleeping until the next one, so that it plans again at once.
/// </summary>
public sealed class WakeSignal
{
    private TaskCompletionSource signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Wakes the sleeper (if any); costs one interlocked read when nobody sleeps.</summary>
    public void Set() => Volatile.Read(ref signal).TrySetResult();

    /// <summary>A task that completes at the next <see cref="Set"/> after this call.</summary>
    public Task Next()
    {
        var current = Volatile.Read(ref signal);
        if (current.Task.IsCompleted)
        {
            Interlocked.CompareExchange(ref signal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), current);
        }

        return Volatile.Read(ref signal).Task;
    }
}
