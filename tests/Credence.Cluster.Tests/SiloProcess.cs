using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Credence.Cluster.Tests;

/// <summary>
/// One <c>credence serve --cluster --store postgres</c> process on 127.0.0.1: its HTTP port asked of the
/// operating system (<c>--urls http://127.0.0.1:0</c>, read back from its log), its silo port a free one
/// (and a gateway only when asked for), the cluster's shared ledger key and certificate. <see cref="KillAsync"/> is <c>kill -9</c>.
/// </summary>
internal sealed partial class SiloProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder log;

    private SiloProcess(string name, Process process, StringBuilder log, Uri address, int siloPort, int? gatewayPort)
    {
        Name = name;
        this.process = process;
        this.log = log;
        Address = address;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(100) };
    }

    public string Name { get; }

    /// <summary>The HTTP API's address.</summary>
    public Uri Address { get; }

    public int SiloPort { get; }

    /// <summary>The Orleans gateway's port, if one was asked for (<c>--gateway-port</c>); none by default.</summary>
    public int? GatewayPort { get; }

    public int Pid => process.Id;

    /// <summary>A client of this silo's HTTP API.</summary>
    public HttpClient Client { get; }

    public bool HasExited => process.HasExited;

    /// <summary>The process's log so far (the last part of it), for a failing test's message.</summary>
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

    /// <summary>Starts a silo and waits until its HTTP API listens (at most <paramref name="within"/>).</summary>
    public static async Task<SiloProcess> StartAsync(string name, string folder, string connectionString, string ledgerKey, string clusterId, string certificate, TimeSpan within, int checkpointSeconds = 1, bool gateway = false)
    {
        var process = Prepare(folder, connectionString, ledgerKey, clusterId, certificate, checkpointSeconds, gateway, out var siloPort, out var gatewayPort);
        var log = new StringBuilder();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Line(string? line)
        {
            if (line is null)
            {
                return;
            }

            CredenceCli.Keep(log, line);
            if (Listening().Match(line) is { Success: true } m)
            {
                listening.TrySetResult(new Uri(m.Groups["url"].Value + "/"));
            }
        }

        process.OutputDataReceived += (_, e) => Line(e.Data);
        process.ErrorDataReceived += (_, e) => Line(e.Data);
        CredenceCli.Start(process);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var first = await Task.WhenAny(listening.Task, process.WaitForExitAsync(), Task.Delay(within));
        if (first != listening.Task)
        {
            var ended = process.HasExited ? $"exited {process.ExitCode}" : $"not listening within {within.TotalSeconds:0} s";
            Kill(process);
            process.Dispose();
            throw new InvalidOperationException($"silo {name}: credence serve {ended}:\n{log}");
        }

        return new SiloProcess(name, process, log, await listening.Task, siloPort, gatewayPort);
    }

    /// <summary>A <c>credence serve --cluster</c> process with these arguments, not started (tests that start one meant to fail start it themselves).</summary>
    public static Process Prepare(string folder, string connectionString, string ledgerKey, string clusterId, string certificate, int checkpointSeconds, bool gateway, out int siloPort, out int? gatewayPort)
    {
        var (free, other) = FreePorts();
        siloPort = free;
        gatewayPort = gateway ? other : null;
        return CredenceCli.Prepare(folder, [
            "serve", "--cluster", "--store", "postgres", "--connection", connectionString,
            "--urls", "http://127.0.0.1:0", "--silo-port", siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            .. gateway ? new[] { "--gateway-port", other.ToString(System.Globalization.CultureInfo.InvariantCulture) } : [],
            "--cluster-id", clusterId, "--ledger-key", ledgerKey, "--cluster-certificate", certificate, "--plain-logs",
            "--checkpoint-interval", checkpointSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ]);
    }

    /// <summary><c>kill -9</c>: SIGKILL to the real process, no graceful shutdown; returns when it is gone.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: false);
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Kill(process);
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            // Reported by the next test's stray check, if ever; SIGKILL is not refused.
        }

        process.Dispose();
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>Two distinct ports the operating system reports free now (a silo port and a gateway port).</summary>
    private static (int, int) FreePorts()
    {
        using var a = new TcpListener(IPAddress.Loopback, 0);
        using var b = new TcpListener(IPAddress.Loopback, 0);
        a.Start();
        b.Start();
        return (((IPEndPoint)a.LocalEndpoint).Port, ((IPEndPoint)b.LocalEndpoint).Port);
    }

    [GeneratedRegex(@"listening on (?<url>http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();
}
