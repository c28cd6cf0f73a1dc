using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Credence.Cluster.Bench;

/// <summary>
/// One real <c>credence serve --store postgres</c> process on 127.0.0.1, on ports of its own: alone,
/// or a member of the cluster (<c>--cluster</c>) whose members share the database. Its processor time
/// and resident memory are read from outside (<c>/proc</c>), as an operator would.
/// </summary>
internal sealed partial class SiloProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly Queue<string> tail = new();

    private SiloProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    /// <summary>The executable the build produced (the same configuration as this bench).</summary>
    public static string Executable =>
        typeof(SiloProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "CredenceExecutable").Value!;

    private static readonly SemaphoreSlim Making = new(1, 1);

    /// <summary>The cluster certificate of the run in <paramref name="folder"/>, made by the executable the first time.</summary>
    private static async Task<string> CertificateAsync(string folder)
    {
        var path = Path.Combine(folder, "cluster.pfx");
        await Making.WaitAsync();
        try
        {
            if (!File.Exists(path))
            {
                var info = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                foreach (var a in new[] { Executable, "cluster", "certificate", "--out", path, "--days", "2" })
                {
                    info.ArgumentList.Add(a);
                }

                using var making = Process.Start(info)!;
                var output = await making.StandardOutput.ReadToEndAsync() + await making.StandardError.ReadToEndAsync();
                await making.WaitForExitAsync();
                if (making.ExitCode != 0)
                {
                    throw new InvalidOperationException($"credence cluster certificate exited {making.ExitCode}: {output}");
                }
            }

            return path;
        }
        finally
        {
            Making.Release();
        }
    }

    /// <summary>The HTTP base address, ending in <c>/</c>.</summary>
    public Uri Address { get; }

    public int Id => process.Id;

    /// <summary>The process's user and system time so far.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    /// <summary>Resident memory now (<c>VmRSS</c>) and at its peak so far (<c>VmHWM</c>), in bytes.</summary>
    public (long Resident, long Peak) Memory()
    {
        long Field(string[] lines, string name) =>
            long.Parse(lines.Single(l => l.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        var status = File.ReadAllLines($"/proc/{process.Id}/status");
        return (Field(status, "VmRSS"), Field(status, "VmHWM"));
    }

    /// <summary>
    /// Starts a registry on <paramref name="connection"/> and waits until it is ready (store, ledger and
    /// silo). With <paramref name="cluster"/> it joins the cluster on the store with a free silo port (no
    /// gateway, as in production) and the run's cluster certificate. Every silo of one run is given the same
    /// ledger key file (made by the first) and the same certificate (<c>credence cluster certificate</c>, made once).
    /// </summary>
    public static async Task<SiloProcess> StartAsync(string folder, string connection, string ledgerKey, bool cluster)
    {
        var certificate = cluster ? await CertificateAsync(folder) : string.Empty;
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            Executable, "serve", "--store", "postgres", "--connection", connection, "--urls", address.ToString().TrimEnd('/'),
            "--ledger-key", ledgerKey, "--plain-logs",
            .. cluster ? new[] { "--cluster", "--silo-port", FreePort().ToString(CultureInfo.InvariantCulture), "--cluster-certificate", certificate } : [],
        ];
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        var silo = new SiloProcess(new Process { StartInfo = info }, address);
        silo.process.OutputDataReceived += (_, e) => silo.Keep(e.Data);
        silo.process.ErrorDataReceived += (_, e) => silo.Keep(e.Data);
        silo.process.Start();
        silo.process.BeginOutputReadLine();
        silo.process.BeginErrorReadLine();
        try
        {
            await silo.WaitReadyAsync(1, TimeSpan.FromMinutes(3));
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }

        return silo;
    }

    /// <summary>Waits until <c>/healthz/ready</c> answers 200 and the silo sees at least <paramref name="members"/> active silos.</summary>
    public async Task WaitReadyAsync(int members, TimeSpan within)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
        var clock = Stopwatch.StartNew();
        var last = "";
        while (clock.Elapsed < within)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"credence serve exited {process.ExitCode} before it was ready:\n{Tail()}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("healthz/ready", UriKind.Relative));
                last = await response.Content.ReadAsStringAsync();
                if (response.IsSuccessStatusCode && Members().Match(last) is { Success: true } m && int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) >= members)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        throw new InvalidOperationException($"credence serve at {Address} was not ready with {members} active silos within {within}: {last}\n{Tail()}");
    }

    /// <summary>Stops the process gracefully (SIGTERM: the silo leaves the cluster), or kills it after 30 seconds.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            using (var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!)
            {
                await term.WaitForExitAsync();
            }

            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (tail)
        {
            tail.Enqueue(line);
            if (tail.Count > 40)
            {
                tail.Dequeue();
            }
        }
    }

    private string Tail()
    {
        lock (tail)
        {
            return string.Join('\n', tail);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"(\d+) active in the cluster")]
    private static partial Regex Members();
}
