using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace Credence.Portal.Tests.Browser;

/// <summary>
/// A real <c>credence</c> server on a small demo city, built once per test run: <c>credence demo
/// --persons 2000 --seed 7 --end 2026-11-01T00:00:00Z --no-serve</c> into a temporary folder, then
/// <c>credence serve</c> on 127.0.0.1 with a free port, as separate processes of the executable the
/// build produced. The keys the demo printed are kept by principal name (<see cref="Keys"/>).
/// </summary>
public sealed partial class CityServer : IAsyncDisposable
{
    public const int Persons = 2000;
    public const int Seed = 7;
    public const string End = "2026-11-01T00:00:00Z";

    private readonly Process server;
    private readonly StringBuilder log;

    private CityServer(string folder, Process server, StringBuilder log, Uri address, IReadOnlyDictionary<string, DemoKey> keys)
    {
        Folder = folder;
        this.server = server;
        this.log = log;
        Address = address;
        Keys = keys;
    }

    public string Folder { get; }

    public string DatabasePath => Path.Combine(Folder, "city.db");

    /// <summary>The server's base address, ending in <c>/</c>.</summary>
    public Uri Address { get; }

    /// <summary>The keys the demo printed, by principal name (<c>city-operator</c>, <c>court</c>, <c>subject-9</c>, ...).</summary>
    public IReadOnlyDictionary<string, DemoKey> Keys { get; }

    /// <summary>The server's log so far (for a failing test's message).</summary>
    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    public static string Executable =>
        typeof(CityServer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "CredenceExecutable").Value!;

    /// <summary>The first key the demo printed for a role (<c>operator</c>, <c>source</c>, <c>reviewer</c>, <c>auditor</c>, <c>subject</c>, <c>relying-party</c>).</summary>
    public DemoKey KeyOf(string role) => Keys.Values.First(k => k.Role == role);

    public static async Task<CityServer> StartAsync()
    {
        var (built, demo) = await City.Value;
        var folder = Path.Combine(Path.GetTempPath(), "credence-portal-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.EnumerateFiles(built))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        var db = Path.Combine(folder, "city.db");
        var keys = KeyLine().Matches(demo)
            .Select(m => new DemoKey(m.Groups["role"].Value, m.Groups["name"].Value, m.Groups["key"].Value, m.Groups["about"].Value))
            .GroupBy(k => k.Name)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            throw new InvalidOperationException("the demo printed no keys:\n" + demo);
        }

        var start = Start(folder, "serve", "--db", db, "--urls", "http://127.0.0.1:0", "--plain-logs", "--checkpoint-interval", "3600");
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new StringBuilder();
        void Line(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }

            if (Listening().Match(line) is { Success: true } m)
            {
                listening.TrySetResult(new Uri(m.Groups["url"].Value));
            }
        }

        start.OutputDataReceived += (_, e) => Line(e.Data);
        start.ErrorDataReceived += (_, e) => Line(e.Data);
        start.Start();
        start.BeginOutputReadLine();
        start.BeginErrorReadLine();
        var exited = start.WaitForExitAsync();
        var first = await Task.WhenAny(listening.Task, exited, Task.Delay(TimeSpan.FromMinutes(2)));
        if (first != listening.Task)
        {
            try
            {
                start.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }

            throw new InvalidOperationException("credence serve did not start:\n" + output);
        }

        return new CityServer(folder, start, output, await listening.Task, keys);
    }

    /// <summary>
    /// The city, built once per test run into a folder of its own; each server serves a copy of its files (the
    /// database and the ledger's key), so the two collections' writes never meet. The folder goes when the run ends.
    /// </summary>
    private static readonly Lazy<Task<(string Folder, string Output)>> City = new(async () =>
    {
        var folder = Path.Combine(Path.GetTempPath(), "credence-portal-tests", Guid.NewGuid().ToString("N") + "-built");
        Directory.CreateDirectory(folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        };
        var output = await RunAsync(folder, "demo", "--persons", Persons.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", Seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--end", End, "--no-serve", "--db", Path.Combine(folder, "city.db"));
        return (folder, output);
    });

    public async ValueTask DisposeAsync()
    {
        if (!server.HasExited)
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }

        server.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Runs the executable to its end and returns its output; a non-zero exit throws with the output.</summary>
    public static async Task<string> RunAsync(string folder, params string[] arguments)
    {
        using var process = Start(folder, arguments);
        process.Start();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = await stdout + await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"credence {string.Join(' ', arguments)} exited {process.ExitCode}:\n{text}");
        }

        return text;
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

        // The browser tests visit many pages from one address: the abuse limits are tested elsewhere.
        info.Environment["Credence__RateLimits__PublicPermitLimit"] = "0";
        info.Environment["Credence__RateLimits__AuthFailureLimit"] = "0";
        info.Environment["COLUMNS"] = "200";
        return new Process { StartInfo = info };
    }

    [GeneratedRegex(@"^\s*(?<role>operator|source|relying-party|reviewer|auditor|subject)\s+(?<name>\S+)\s+(?<key>cred_[A-Za-z0-9_-]+)\s+\((?<about>.*)\)\s*$", RegexOptions.Multiline)]
    private static partial Regex KeyLine();

    [GeneratedRegex(@"listening on (?<url>http://127\.0\.0\.1:\d+/)")]
    private static partial Regex Listening();
}

/// <summary>A key the demo printed: the principal's role and name, the key, and what it is for (a subject's id and story).</summary>
public sealed record DemoKey(string Role, string Name, string Key, string About)
{
    /// <summary>A subject key's identifier, the first 18 characters of what it is about.</summary>
    public string Subject => About[..18];
}
