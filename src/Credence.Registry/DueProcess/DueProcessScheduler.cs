using Credence.Registry.State;
using Credence.Registry.Storage;

namespace Credence.Registry.DueProcess;

/// <summary>
/// Runs the time-driven transitions: listings and publication periods end at their exact instants,
/// overdue disputes are resolved for the subject at their deadlines, approaching expiries are
/// announced, all with their notices, from stored state alone (so a restart loses nothing).
/// <see cref="RunDueAsync"/> acts on everything due by the clock's now; <see cref="SleepAsync"/>
/// waits until the next due instant, a write that may bring it forward, or a minute, on the clock's
/// own timers (a fake clock in tests).
/// </summary>
/// <remarks>
/// Implementation note: what is due is found through the subjects' review times (an indexed
/// column): a subject is due when an effect or a listing ends, an end is seven days away, or a
/// dispute reaches its deadline. Each due subject is re-scored, which first acts on the
/// transitions between its last evaluation and now (<see cref="DueTransitions"/>), so the exact
/// instants come from each subject's own state, not from when the scheduler happened to wake. The
/// one-row checkpoint records the instant up to which every due subject was handled.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "A SemaphoreSlim whose wait handle is never used holds nothing to dispose.")]
public sealed class DueProcessScheduler
{
    /// <summary>The longest sleep: the plan is made again at least this often.</summary>
    public static readonly TimeSpan MaxSleep = TimeSpan.FromMinutes(1);

    /// <summary>How long the loop waits before it plans again when the store did not answer.</summary>
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(5);

    private readonly IRegistryStore store;
    private readonly TimeProvider clock;
    private readonly StateService state;
    private readonly WakeSignal wake;
    private readonly SemaphoreSlim running = new(1, 1);
    private long checkpointWritten = long.MinValue / 2;

    public DueProcessScheduler(IRegistryStore store, TimeProvider clock, StateService state, WakeSignal wake)
    {
        this.store = store;
        this.clock = clock;
        this.state = state;
        this.wake = wake;
    }

    /// <summary>Acts on everything due by now; returns how many subjects were handled.</summary>
    /// <remarks>
    /// Implementation note: runs are serialised (the hosted loop and a direct caller may overlap),
    /// and the checkpoint is the instant the refresh itself acted up to, not one read before it:
    /// otherwise a run that found its work done by an overlapping one could return before that
    /// run's checkpoint was stored, or store an instant older than the work it did.
    /// </remarks>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken = default)
    {
        await running.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var (handled, now) = await state.RefreshUpToAsync(cancellationToken).ConfigureAwait(false);

            // The checkpoint is written when subjects were handled, and otherwise at most once a
            // minute of the clock, so that a wake-up after every intake costs no transaction.
            if (handled > 0 || now.UtcTicks - checkpointWritten >= MaxSleep.Ticks)
            {
                await store.WriteAsync(w =>
                {
                    w.SetSchedulerAfter(now);
                    return true;
                }, cancellationToken).ConfigureAwait(false);
                checkpointWritten = now.UtcTicks;
            }

            return handled;
        }
        finally
        {
            running.Release();
        }
    }

    /// <summary>The instant up to which every due transition was acted on, or null before the first run.</summary>
    public Task<DateTimeOffset?> AfterAsync(CancellationToken cancellationToken = default) =>
        store.ReadAsync(r => r.SchedulerAfter(), cancellationToken);

    /// <summary>The next instant at which something falls due, or null when nothing is pending.</summary>
    public Task<DateTimeOffset?> NextDueAtAsync(CancellationToken cancellationToken = default) =>
        store.ReadAsync(r => r.NextReviewAt(), cancellationToken);

    /// <summary>How long to sleep from now: until the next due instant, at most <see cref="MaxSleep"/>.</summary>
    public async Task<TimeSpan> DelayAsync(CancellationToken cancellationToken = default)
    {
        var next = await NextDueAtAsync(cancellationToken).ConfigureAwait(false);
        if (next is null)
        {
            return MaxSleep;
        }

        var delay = next.Value - clock.GetUtcNow();
        return delay <= TimeSpan.Zero ? TimeSpan.Zero : delay < MaxSleep ? delay : MaxSleep;
    }

    /// <summary>Sleeps until the next due instant (on the clock's timers), a wake-up signal, or cancellation.</summary>
    public async Task SleepAsync(CancellationToken cancellationToken)
    {
        var signal = wake.Next();
        var delay = await DelayAsync(cancellationToken).ConfigureAwait(false);
        if (delay == TimeSpan.Zero)
        {
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sleep = Task.Delay(delay, clock, stop.Token);
        await Task.WhenAny(sleep, signal).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Runs and sleeps until <paramref name="cancellationToken"/> is cancelled (the server hosts this).</summary>
    /// <param name="failed">Told of a run that failed; the loop goes on (the next run retries from stored state).</param>
    public async Task RunAsync(Action<Exception>? failed, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await RunDueAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failed?.Invoke(e);
            }

            try
            {
                await SleepAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Implementation note: the sleep reads the next due instant from the store; a store that
                // does not answer (the database lost) once ended this loop, and with it the whole server
                // (a hosted service's failure stops the host). Told, and tried again after a short wait.
                failed?.Invoke(e);
                try
                {
                    await Task.Delay(RetryAfterFailure, clock, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
