using Credence.Registry.DueProcess;

namespace Credence.App.Demo.Stories;

/// <summary>
/// The steps of the demo's due-process stories, in the order of their instants: the replay runs
/// every step due before it takes in a week of the city's records, on the demo clock.
/// </summary>
/// <remarks>
/// Implementation note: before each step the clock is set to the step's instant and the scheduler
/// runs, as the server's background loop would on waking then, so a deadline reached between two
/// steps is acted on at its own instant. A step may plan follow-ups from what the registry answered
/// (a dispute's deadline, a repair's opening date): the demo never computes a rule's date itself.
/// </remarks>
internal sealed class StoryAgenda(DemoClock clock, DueProcessScheduler scheduler)
{
    private readonly PriorityQueue<Func<CancellationToken, Task>, (long Ticks, long Order)> steps = new();
    private long planned;

    /// <summary>Plans <paramref name="step"/> at <paramref name="instant"/> (steps at one instant run in the order planned).</summary>
    public void At(DateTimeOffset instant, Func<CancellationToken, Task> step) => steps.Enqueue(step, (instant.UtcTicks, planned++));

    /// <summary>Runs every step planned at or before <paramref name="until"/>, including follow-ups they plan.</summary>
    public async Task RunUntilAsync(DateTimeOffset until, CancellationToken cancellationToken)
    {
        while (steps.TryPeek(out var step, out var when) && when.Ticks <= until.UtcTicks)
        {
            steps.Dequeue();
            clock.AdvanceTo(new DateTimeOffset(when.Ticks, TimeSpan.Zero));
            await scheduler.RunDueAsync(cancellationToken);
            await step(cancellationToken);
        }
    }
}
