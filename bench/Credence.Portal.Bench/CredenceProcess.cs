using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace Credence.Portal.Bench;

/// <summary>The <c>credence</c> executable the build produced, run as a separate process (the demo, then the server).</summary>
internal static partial class CredenceProcess
{
    private static string Executable =>
        typeof(CredenceProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "CredenceExecutable").Value!;

    /// <summary>Runs <c>credence demo ... --no-serve</c> and answers what it printed (see <see cref="Keys"/>).</summary>
    public static async Task<string> DemoAsync(string folder, string db, int persons)
    {
        using var process = Start(folder, "demo", "--persons", persons.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "7", "--end", "2026-11-01T00:00:00Z", "--no-serve", "--db", db);
        process.Start();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = await stdout + await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("credence demo failed:\n" + text);
        }

        return text;
    }

    /// <summary>The keys the demo printed: (role, name, key).</summary>
    public static List<(string Role, string Name, string Key)> Keys(string printed) =>
        [.. KeyLine().Matches(printed).Select(m => (m.Groups["role"].Value, m.Groups["name"].Value, m.Groups["key"].Value))];

    /// <summary>Starts <c>credence serve</c> on 127.0.0.1 and a free port; answers the process and its address once it listens.</summary>
    public static async Task<(Process Server, Uri Address)> ServeAsync(string folder, string db)
    {
        var server = Start(folder, "serve", "--db", db, "--urls", "http://127.0.0.1:0", "--plain-logs", "--checkpoint-interval", "3600");
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new StringBuilder();
        void Line(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (log)
            {
                log.AppendLine(line);
            }

            if (Listening().Match(line) is { Success: true } m)
            {
                listening.TrySetResult(new Uri(m.Groups["url"].Value));
            }
        }

        server.OutputDataReceived += (_, e) => Line(e.Data);
        server.ErrorDataReceived += (_, e) => Line(e.Data);
        server.Start();
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        var first = await Task.WhenAny(listening.Task, server.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(3)));
        if (first != listening.Task)
        {
            server.Kill(entireProcessTree: true);
            throw new InvalidOperationException("credence serve did not start:\n" + log);
        }

        return (server, await listening.Task);
    }

    private static Process Start(string folder, params string[] arguments)
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

        // One client address makes every request: the abuse limits would measure themselves.
        info.Environment["Credence__RateLimits__PublicPermitLimit"] = "0";
        info.Environment["Credence__RateLimits__AuthFailureLimit"] = "0";
        info.Environment["COLUMNS"] = "200";
        return new Process { StartInfo = info };
    }

    [GeneratedRegex(@"^\s*(?<role>operator|source|relying-party|reviewer|auditor|subject)\s+(?<name>\S+)\s+(?<key>cred_[A-Za-z0-9_-]+)\s+\(", RegexOptions.Multiline)]
    private static partial Regex KeyLine();

    [GeneratedRegex(@"listening on (?<url>http://127\.0\.0\.1:\d+/)")]
    private static partial Regex Listening();
}
