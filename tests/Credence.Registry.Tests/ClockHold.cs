namespace Credence.Registry.Tests;

/// <summary>
/// Holds one unit of work right after its first read of a test clock (<see cref="HoldableClock"/>):
/// the moment a use case has taken its instant and not yet queued its write. Tests use it to run
/// units in any order between those two steps without depending on real time.
/// </summary>
/// <remarks>
/// The hold travels with the unit's own flow (an <see cref="AsyncLocal{T}"/>), so only that unit
/// stops, and only at its first read; the store's writer thread, started before any hold, never does.
/// </remarks>
internal sealed class ClockHold
{
    private static readonly AsyncLocal<ClockHold?> Current = new();

    private readonly TaskCompletionSource<DateTimeOffset> taken = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int used;

    /// <summary>
    /// Starts <paramref name="unit"/> on the thread pool and returns once it has read the clock (and
    /// is held there), or has finished without reading it.
    /// </summary>
    public static async Task<Held<T>> Run<T>(Func<Task<T>> unit)
    {
        var hold = new ClockHold();
        var task = Task.Run(() =>
        {
            Current.Value = hold;
            return unit();
        });
        var first = await Task.WhenAny(hold.taken.Task, task);
        return new Held<T>(hold, task, first == hold.taken.Task ? await hold.taken.Task : null);
    }

    /// <summary>Called by the clock on every read: holds the flow's unit at its first one.</summary>
    public static void Reached(DateTimeOffset now)
    {
        if (Current.Value is { } hold && Interlocked.Exchange(ref hold.used, 1) == 0)
        {
            hold.taken.TrySetResult(now);
            hold.released.Task.GetAwaiter().GetResult();
        }
    }

    /// <summary>A unit held after its first read of the clock.</summary>
    internal sealed class Held<T>(ClockHold hold, Task<T> task, DateTimeOffset? took)
    {
        /// <summary>The instant the unit read before it was held (null when it never read the clock).</summary>
        public DateTimeOffset? Took => took;

        /// <summary>Lets the unit go on and returns its result once it is done (durable, for a write).</summary>
        public Task<T> ReleaseAsync()
        {
            hold.released.TrySetResult();
            return task;
        }
    }
}
