using System.Diagnostics;
using System.Globalization;

namespace Credence.App.Demo;

/// <summary>
/// The demo's phases and how long each took, printed as one line once the registry serves (or the
/// demo exits), with the time since the program started: what a newcomer waits for, phase by phase.
/// </summary>
internal sealed class DemoPhases
{
    private readonly List<(string Name, TimeSpan Took, string? Note)> done = [];
    private readonly List<string> details = [];
    private readonly Stopwatch watch = Stopwatch.StartNew();
    private TimeSpan last;

    /// <summary>Since the first phase began.</summary>
    public TimeSpan Elapsed => watch.Elapsed;

    /// <summary>The phase <paramref name="name"/> ended now (it began when the previous one ended).</summary>
    public void Done(string name, string? note = null)
    {
        var now = watch.Elapsed;
        done.Add((name, now - last, note));
        last = now;
    }

    /// <summary>A line printed after the phases' line: where a phase's time went.</summary>
    public void Detail(string line) => details.Add(line);

    /// <summary>Prints the phases and the total, since the program started (the runtime's own start included).</summary>
    public void PrintTotal(bool serving)
    {
        var sinceStart = DateTime.Now - Process.GetCurrentProcess().StartTime;
        var parts = done.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name} {p.Took.TotalSeconds:F1} s") + (p.Note is { } note ? $" ({note})" : string.Empty));
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"phases: {string.Join(", ", parts)}; {sinceStart.TotalSeconds:F1} s from the program's start to {(serving ? "serving" : "done")}"));
        foreach (var line in details)
        {
            Console.Out.WriteLine(line);
        }
    }
}
