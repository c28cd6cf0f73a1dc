using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Credence.Load;

/// <summary>
/// A private, durable PostgreSQL cluster for one benchmark run: Debian's server (the newest
/// <c>/usr/lib/postgresql/*/bin</c>), initialised in a temporary folder, listening on a free port
/// of 127.0.0.1 only, stopped and deleted when disposed.
/// </summary>
/// <remarks>
/// Implementation note: unlike the test script's cluster, this one keeps <c>fsync</c>,
/// <c>synchronous_commit</c> and <c>full_page_writes</c> on (PostgreSQL's defaults, stated
/// explicitly), so a commit is on disk when it returns, the same durability as the SQLite store's
/// <c>synchronous=FULL</c>. Only settings that do not weaken durability are raised: more shared
/// buffers and a larger WAL between checkpoints, as a production server would have. The floor and
/// the registry run on the same cluster, so both see the same settings. As root the server's tools
/// run as the package's <c>postgres</c> user (they refuse root), as in <c>scripts/test.sh</c>.
/// </remarks>
internal sealed class PrivateCluster : IAsyncDisposable
{
    private readonly string bin;
    private readonly string directory;
    private readonly bool kept;

    private PrivateCluster(string bin, string directory, int port, bool kept)
    {
        this.bin = bin;
        this.directory = directory;
        this.kept = kept;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The server's maintenance database, as the cluster's superuser <c>credence</c>.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username=credence;Database=postgres";

    public static readonly string[] Settings =
    [
        "fsync=on", "synchronous_commit=on", "full_page_writes=on", "shared_buffers=512MB",
        "max_wal_size=8GB", "checkpoint_timeout=30min", "max_connections=200",
    ];

    /// <summary>
    /// Starts a cluster: in a temporary folder deleted when disposed, or, given <paramref name="keep"/>, the one kept
    /// in that folder (initialised there the first time), stopped but kept when disposed, so that a benchmark can load
    /// a large database once and measure it many times.
    /// </summary>
    public static async Task<PrivateCluster> StartAsync(string? keep = null)
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderBy(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0).LastOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException("PostgreSQL is not installed (apt-get install postgresql), or pass --connection");
        }

        var directory = keep is null ? Directory.CreateTempSubdirectory("credence-load-pg-").FullName : Directory.CreateDirectory(Path.GetFullPath(keep)).FullName;
        var data = Path.Combine(directory, "data");
        if (!File.Exists(Path.Combine(data, "PG_VERSION")))
        {
            await RunAsync("chmod", ["755", directory]);
            if (Environment.IsPrivilegedProcess)
            {
                await RunAsync("chown", ["postgres:", directory]);
            }

            await AsPostgresAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "credence", "--auth=trust", "-E", "UTF8", "--no-locale"]);
        }
        else if (File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            // A kept cluster a run before this one left running (it was interrupted): stop it, then start it on a port of this run.
            try
            {
                await AsPostgresAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "fast", "-w", "stop"]);
            }
            catch (InvalidOperationException)
            {
                // Not running after all (a stale pid file): pg_ctl start below says so if it cannot start.
            }
        }

        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            var options = $"-p {port} -k {directory} -c listen_addresses=127.0.0.1 " + string.Join(' ', Settings.Select(s => "-c " + s));
            try
            {
                await AsPostgresAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60", "-o", options, "start"]);
                return new PrivateCluster(bin, directory, port, keep is not null);
            }
            catch (InvalidOperationException) when (attempt < 4)
            {
                // Another process took the port between our probe and the server's bind: try another.
            }
        }
    }

    /// <summary>
    /// The server's processor time so far: the postmaster's and its children's (backends, the WAL writer,
    /// the checkpointer), user and system, from <c>/proc/&lt;pid&gt;/stat</c>.
    /// </summary>
    /// <remarks>
    /// Implementation note: a backend that exited takes its time with it, so over a window only
    /// pooled connections (which stay open) are counted whole; the benchmarks' clients pool theirs.
    /// </remarks>
    public TimeSpan ProcessorTime()
    {
        var postmaster = int.Parse(File.ReadLines(Path.Combine(directory, "data", "postmaster.pid")).First(), CultureInfo.InvariantCulture);
        long ticks = 0;
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(folder, "stat"));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue; // gone meanwhile
            }

            // After the command's closing parenthesis: state, ppid, ... utime (14th field), stime (15th).
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (pid == postmaster || int.Parse(fields[1], CultureInfo.InvariantCulture) == postmaster)
            {
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
        }

        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await AsPostgresAsync(Path.Combine(bin, "pg_ctl"), ["-D", Path.Combine(directory, "data"), "-m", "fast", "-w", "stop"]);
        }
        finally
        {
            if (!kept)
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task AsPostgresAsync(string program, string[] arguments) =>
        Environment.IsPrivilegedProcess ? RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments]) : RunAsync(program, arguments);

    private static async Task RunAsync(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {await output}{await error}");
        }
    }
}
