using Credence.App;

namespace Credence.Api.Tests;

/// <summary>
/// Runs the <c>credence</c> command in-process with its standard output and error captured. Tests
/// that use it belong to <see cref="ConsoleCollection"/>, since the console is one for the process.
/// </summary>
internal static class CliRun
{
    public static (int Exit, string Out, string Err) Run(TimeProvider clock, params string[] args)
    {
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var exit = Invoke(args, clock);
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
    }

    /// <summary>
    /// Runs the command as its own process would: on a pool thread, without the test runner's synchronization
    /// context, and for ten minutes at most (a command that never ends fails its test instead of stalling the run).
    /// </summary>
    /// <remarks>
    /// Implementation note: the command waits for its asynchronous work synchronously, as a process's main does. Called
    /// on the runner's thread, whose context queues that work's continuations back to the runner's own few threads, it
    /// once stalled a whole test run.
    /// </remarks>
    public static int Invoke(string[] args, TimeProvider clock) =>
        Task.Run(() => Program.Run(args, clock)).WaitAsync(TimeSpan.FromMinutes(10)).GetAwaiter().GetResult();

    /// <summary>
    /// The two-person rule on the command line: a second operator's key, the draft simulated (stored
    /// with its report), the report signed off by the second operator. Returns the report's digest.
    /// </summary>
    public static string SignOff(TimeProvider clock, string policyFile, params string[] store)
    {
        var created = Run(clock, ["keys", "create", "--role", "operator", "--name", "second-" + Guid.NewGuid().ToString("N")[..8], .. store]);
        Assert.True(created.Exit == 0, created.Err);
        var key = created.Out.Split(' ', '\n').Single(w => w.StartsWith("cred_", StringComparison.Ordinal)).Trim();
        var simulated = Run(clock, ["simulate", "--policy", policyFile, .. store]);
        Assert.True(simulated.Exit == 0, simulated.Err + simulated.Out);
        var digest = simulated.Out.Split('\n').Single(l => l.StartsWith("report ", StringComparison.Ordinal)).Split(' ')[2];
        var tag = simulated.Out.Split('\n')[0].Split(": ", 2)[1].Split(' ')[0];
        var signed = Run(clock, ["policy", "sign-off", tag, "--report", digest, "--key", key, .. store]);
        Assert.True(signed.Exit == 0, signed.Err);
        return digest;
    }
}
