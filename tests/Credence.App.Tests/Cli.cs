using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace Credence.App.Tests;

/// <summary>Runs the credence command line in-process and captures what it prints.</summary>
internal static class Cli
{
    public static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private static readonly Lock Gate = new();

    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        lock (Gate)
        {
            var (oldOut, oldErr) = (Console.Out, Console.Error);
            var (output, error) = (new StringWriter(new StringBuilder()), new StringWriter(new StringBuilder()));
            Console.SetOut(output);
            Console.SetError(error);
            try
            {
                // As its own process would run it: on a pool thread, off the test runner's synchronization context
                // (the command waits for its own asynchronous work), and failing its test if it never ends.
                var exit = Task.Run(() => Program.Run(args, new FakeTimeProvider(Now))).WaitAsync(TimeSpan.FromMinutes(10)).GetAwaiter().GetResult();
                return (exit, output.ToString(), error.ToString());
            }
            finally
            {
                Console.SetOut(oldOut);
                Console.SetError(oldErr);
            }
        }
    }

    /// <summary>
    /// The two-person rule on the command line: a second operator's key is created, the draft is
    /// simulated (stored with its report) and the second operator signs the report off, so that
    /// <c>policy activate</c> then succeeds. Returns the report's digest.
    /// </summary>
    public static string SignOff(string policyFile, params string[] store)
    {
        var created = Run(["keys", "create", "--role", "operator", "--name", "second-" + Guid.NewGuid().ToString("N")[..8], .. store]);
        Assert.True(created.Exit == 0, created.Err);
        var key = created.Out.Split(' ', '\n').Single(w => w.StartsWith("cred_", StringComparison.Ordinal)).Trim();
        var simulated = Run(["simulate", "--policy", policyFile, .. store]);
        Assert.True(simulated.Exit == 0, simulated.Err + simulated.Out);
        var (tag, digest) = Report(simulated.Out);
        var signed = Run(["policy", "sign-off", tag, "--report", digest, "--key", key, .. store]);
        Assert.True(signed.Exit == 0, signed.Err);
        return digest;
    }

    /// <summary>The draft's tag and the report's digest from <c>credence simulate</c>'s summary.</summary>
    public static (string Tag, string Digest) Report(string output)
    {
        var line = output.Split('\n').Single(l => l.StartsWith("report ", StringComparison.Ordinal)).Split(' ');
        var tag = output.Split('\n')[0].Split(": ", 2)[1].Split(' ')[0];
        return (tag, line[2]);
    }

    public static string Path(params string[] parts) => System.IO.Path.Combine([AppContext.BaseDirectory, .. parts]);

    public static string TempFile(string content, string extension = ".ndjson")
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"credence-{Guid.NewGuid():N}{extension}");
        File.WriteAllText(path, content);
        return path;
    }
}
