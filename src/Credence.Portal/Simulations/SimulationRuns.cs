using System.Collections.Concurrent;
using Credence.Registry;
using Credence.Registry.Simulation;

namespace Credence.Portal.Simulations;

/// <summary>
/// Simulations the portal started and still follows: each runs on the thread pool, apart from the
/// request that asked for it, so that the operator (and everyone else) goes on using the portal while
/// it runs; a page reads its progress and, once done, its report's id or its refusal.
/// </summary>
/// <remarks>
/// Implementation note: a run keeps only its progress and its outcome's id or problem, never the
/// report or the scored subjects (the stored report is read back through the use case). Runs live in
/// this process's memory: a restart forgets the runs in progress (their reports are not stored) but
/// not the stored reports. At most <see cref="Kept"/> runs are kept; the oldest finished ones go first.
/// A run is cancelled when the host stops, never when the request that started it ends.
/// </remarks>
public sealed class SimulationRuns(CancellationToken stopping)
{
    /// <summary>How many runs are remembered at most.</summary>
    public const int Kept = 64;

    private readonly ConcurrentDictionary<string, SimulationRunState> runs = new(StringComparer.Ordinal);

    /// <summary>Starts <paramref name="simulate"/> for <paramref name="startedBy"/> (a principal's name) and answers the run at once.</summary>
    public SimulationRunState Start(string startedBy, string tag, Func<IProgress<(int Done, int Total)>, CancellationToken, Task<Outcome<SimulationRun>>> simulate)
    {
        ArgumentNullException.ThrowIfNull(simulate);
        var run = new SimulationRunState(Guid.NewGuid().ToString("N"), startedBy, tag);
        Forget();
        runs[run.Id] = run;
        _ = Task.Run(() => run.RunAsync(simulate, stopping), CancellationToken.None);
        return run;
    }

    /// <summary>A run by its id, for the principal who started it only (another reads it as one that does not exist).</summary>
    public SimulationRunState? Find(string id, string principal) =>
        runs.TryGetValue(id ?? string.Empty, out var run) && string.Equals(run.StartedBy, principal, StringComparison.Ordinal) ? run : null;

    private void Forget()
    {
        var extra = runs.Count - Kept + 1;
        if (extra <= 0)
        {
            return;
        }

        foreach (var old in runs.Values.Where(r => r.Finished.IsCompleted).OrderBy(r => r.Sequence).Take(extra))
        {
            runs.TryRemove(old.Id, out _);
        }
    }
}
