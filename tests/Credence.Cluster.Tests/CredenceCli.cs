using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Credence.Cluster.Tests;

/// <summary>
/// The <c>credence</c> executable the build produced (src/Credence.App's output), run as real processes.
/// Every process started here is remembered and killed when the test process exits, whatever ended
/// the tests, so no silo outlives the run.
/// </summary>
internal static class CredenceCli
{
    private static readonly List<Process> Started = [];

    static CredenceCli()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
    }

    public static string Executable =>
        typeof(CredenceCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "CredenceExecutable").Value!;

    /// <summary>A process of the executable with these arguments, not yet started, its output redirected.</summary>
    public static Process Prepare(string folder, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Executable);
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        // Many clients from one address: the abuse limits are tested elsewhere.
        info.Environment["Credence__RateLimits__PublicPermitLimit"] = "0";
        info.Environment["Credence__RateLimits__AuthFailureLimit"] = "0";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        // The run's cluster certificate file is protected by a password, given as an operator gives it: in the environment.
        info.Environment[ClusterCertificateFile.PasswordVariable] = ClusterCertificateFile.Password;
        return new Process { StartInfo = info };
    }

    /// <summary>Starts a prepared process and remembers it for <see cref="KillAll"/>.</summary>
    public static void Start(Process process)
    {
        lock (Started)
        {
            process.Start();
            Started.Add(process);
        }
    }

    /// <summary>Runs the executable to its end; its exit code and output (standard output, then error).</summary>
    public static async Task<(int Exit, string Output)> RunAsync(string folder, params string[] arguments)
    {
        using var process = Prepare(folder, arguments);
        Start(process);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"credence {string.Join(' ', arguments)} did not end within 3 minutes");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Runs the executable and returns its output; a non-zero exit throws with the output.</summary>
    public static async Task<string> RunOkAsync(string folder, params string[] arguments)
    {
        var (exit, output) = await RunAsync(folder, arguments);
        if (exit != 0)
        {
            throw new InvalidOperationException($"credence {string.Join(' ', arguments)} exited {exit}:\n{output}");
        }

        return output;
    }

    /// <summary>Kills every process started here that still runs.</summary>
    public static void KillAll()
    {
        lock (Started)
        {
            foreach (var process in Started)
            {
                try
                {
                    if (!process.HasExited)
                    {
                        process.Kill(entireProcessTree: true);
                    }
                }
                catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                    // Already gone, or never started.
                }
            }
        }
    }

    /// <summary>Appends a line to a bounded log (the last lines are what a failing test shows).</summary>
    public static void Keep(StringBuilder log, string line, int limit = 200_000)
    {
        lock (log)
        {
            log.AppendLine(line);
            if (log.Length > limit)
            {
                log.Remove(0, log.Length - (limit / 2));
            }
        }
    }
}
