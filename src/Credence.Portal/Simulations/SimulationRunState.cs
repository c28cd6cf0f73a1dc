using Credence.Registry;
using Credence.Registry.Simulation;

namespace Credence.Portal.Simulations;

/// <summary>
/// One simulation the portal follows: how many subjects are scored of how many, and once finished
/// either the stored report's id and digest or the use case's refusal.
/// </summary>
public sealed class SimulationRunState : IProgress<(int Done, int Total)>
{
    private static long sequences;
    private readonly TaskCompletionSource finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int done;
    private int total;

    internal SimulationRunState(string id, string startedBy, string tag)
    {
        Id = id;
        StartedBy = startedBy;
        Tag = tag;
        Sequence = Interlocked.Increment(ref sequences);
    }

    public string Id { get; }

    public string StartedBy { get; }

    /// <summary>The policy version simulated.</summary>
    public string Tag { get; }

    internal long Sequence { get; }

    /// <summary>Subjects scored so far and in all (0 of 0 until the first chunk is scored).</summary>
    public (int Done, int Total) Progress => (Volatile.Read(ref done), Volatile.Read(ref total));

    /// <summary>Completes when the run has reported progress with subjects still to score, or finished (a refusal finishes it at once).</summary>
    public Task Started => started.Task;

    /// <summary>Completes when the run has finished, with a report or a refusal.</summary>
    public Task Finished => finished.Task;

    /// <summary>The stored report's id (null while running or when refused).</summary>
    public string? ReportId { get; private set; }

    /// <summary>The stored report's digest.</summary>
    public string? Digest { get; private set; }

    /// <summary>Why the simulation was refused or failed (null while running or when it succeeded).</summary>
    public RegistryProblem? Problem { get; private set; }

    /// <summary>Completes at the next progress report or when the run finishes.</summary>
    public Task NextChangeAsync() => Finished.IsCompleted ? Task.CompletedTask : Task.WhenAny(Volatile.Read(ref changed).Task, Finished);

    void IProgress<(int Done, int Total)>.Report((int Done, int Total) value)
    {
        Volatile.Write(ref total, value.Total);
        Volatile.Write(ref done, value.Done);

        // The next change is made ready before anyone is told of this one: a page told the run started, which then
        // waits for the next change, must not be woken by this same report.
        Interlocked.Exchange(ref changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

        // A run scored whole in its first chunk is about to finish: the page waiting for it waits for the report instead.
        if (value.Done < value.Total)
        {
            started.TrySetResult();
        }
    }

    internal async Task RunAsync(Func<IProgress<(int Done, int Total)>, CancellationToken, Task<Outcome<SimulationRun>>> simulate, CancellationToken stopping)
    {
        try
        {
            var outcome = await simulate(this, stopping).ConfigureAwait(false);
            if (outcome.IsOk)
            {
                ReportId = outcome.Value.Report.Id;
                Digest = outcome.Value.Digest;
            }
            else
            {
                Problem = outcome.Problem;
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            Problem = new RegistryProblem(Stopped, "the registry stopped before the simulation finished; nothing was stored");
        }
#pragma warning disable CA1031 // A run's failure is shown on its page, not thrown on a pool thread no one awaits.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Problem = new RegistryProblem(Failed, "the simulation failed: " + e.Message);
        }

        started.TrySetResult();
        finished.TrySetResult();
        changed.TrySetResult();
    }

    /// <summary>The problem code of a run cut short by the registry stopping (shown as a general sentence).</summary>
    public const string Stopped = "simulation-stopped";

    /// <summary>The problem code of a run that failed unexpectedly (shown as a general sentence).</summary>
    public const string Failed = "simulation-failed";
}
