using System.Net;
using System.Net.Sockets;
using Credence.Registry.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;

namespace Credence.Storage.Tests.Cluster;

/// <summary>
/// Real Orleans silos in this process whose only meeting point is the membership table in the
/// PostgreSQL store: they join, leave gracefully, and die (declared dead by a peer, or stopped without
/// a shutdown, cut off from the store, and found dead by its peers' probes), and both the table and every survivor's view say so.
/// </summary>
/// <remarks>
/// Implementation note: membership is eventually consistent (views spread by gossip and table reads),
/// so each expectation is awaited up to a minute; none depends on how long anything takes, only on its
/// happening. Probes are tightened (one second, two misses) so a death is found without the defaults' tens of seconds,
/// and each silo reads the table every second rather than every minute, so a silo declared dead by a peer (who gossips
/// only to silos alive) learns it at its next read instead of up to a minute later. A silo cut off from the store gives
/// up writing its own status after a second (<see cref="GiveUpOnTheTable"/>) rather than Orleans' five minutes: those
/// writes fail whatever their patience, and only delay its stop and so the moment its peer can find it silent.
/// </remarks>
public sealed class SiloMembership : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    private readonly List<Silo> silos = [];
    private string connection = string.Empty;

    public async Task InitializeAsync() => connection = await Fixture.TestPostgres.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        // A silo already stopped without a shutdown is not stopped again.
        foreach (var silo in silos.Where(s => s.Stopping is null))
        {
            using var now = new CancellationTokenSource();
            await now.CancelAsync();
            await silo.Host.StopAsync(now.Token);
            silo.Host.Dispose();
        }

        await Fixture.TestPostgres.DropDatabaseAsync(connection);
    }

    [Fact]
    public async Task Silos_that_share_the_store_join_one_cluster_and_one_that_leaves_gracefully_is_marked_dead()
    {
        var a = await StartAsync("a");
        Assert.Equal(SiloStatus.Active, (await RowAsync(a)).Status);

        var b = await StartAsync("b");
        Assert.Equal(SiloStatus.Active, (await RowAsync(b)).Status);
        await EventuallyAsync(() => Active(a).Count == 2 && Active(b).Count == 2, "each silo sees both active");
        Assert.Equal(Active(a).Order(), Active(b).Order());

        await b.Host.StopAsync();
        Assert.Equal(SiloStatus.Dead, (await RowAsync(b)).Status);
        Assert.Equal(SiloStatus.Active, (await RowAsync(a)).Status);
        await EventuallyAsync(() => Active(a).SequenceEqual([a.Address]), "the survivor sees the one that left as gone");
        Assert.True(b.Fatal.IsEmpty);

        // Joining again, a silo on the same endpoint is a new generation beside the dead one.
        var again = await StartAsync("b", b.Port);
        Assert.NotEqual(b.Address, again.Address);
        Assert.Equal(b.Address.Endpoint, again.Address.Endpoint);
        await EventuallyAsync(() => Active(a).Count == 2, "the survivor sees the restarted silo");
        var rows = (await Table().ReadAllAsync(default)).Members.Select(m => (m.Item1.SiloAddress, m.Item1.Status)).ToList();
        Assert.Contains((b.Address, SiloStatus.Dead), rows);
        Assert.Contains((again.Address, SiloStatus.Active), rows);
    }

    [Fact]
    public async Task A_silo_declared_dead_by_a_peer_is_dead_in_the_table_and_learns_it()
    {
        var a = await StartAsync("a");
        var b = await StartAsync("b");
        await EventuallyAsync(() => Active(a).Count == 2 && Active(b).Count == 2, "each silo sees both active");

        Assert.True(await a.Host.Services.GetRequiredService<IClusterMembershipService>().TryKill(b.Address));
        await EventuallyAsync(async () => (await RowAsync(b)).Status == SiloStatus.Dead, "the silo declared dead is dead in the table");
        await EventuallyAsync(() => !b.Fatal.IsEmpty, "the silo declared dead learns it (its fatal error handler is called)");
        await EventuallyAsync(() => Active(a).SequenceEqual([a.Address]), "the survivor counts it out");
    }

    [Fact]
    public async Task A_silo_that_stops_without_shutting_down_is_found_dead_by_its_peer()
    {
        var a = await StartAsync("a");
        var b = await StartAsync("b");
        await EventuallyAsync(() => Active(a).Count == 2 && Active(b).Count == 2, "each silo sees both active");

        // No graceful shutdown, and cut off from the store: the silo stops listening and writes nothing more to the table.
        // Its stop without a shutdown first retries the unreachable table (for as long as GiveUpOnTheTable allows, answering
        // probes all the while), then closes its listeners; only then can its peer find it silent.
        GiveUpOnTheTable(b);
        b.Table.Sever();
        using (var now = new CancellationTokenSource())
        {
            await now.CancelAsync();
            b.Stopping = b.Host.StopAsync(now.Token);
            await b.Stopping;
        }

        await EventuallyAsync(async () => (await RowAsync(b)).Status == SiloStatus.Dead, "the peer declares the silent silo dead in the table");
        await EventuallyAsync(() => Active(a).SequenceEqual([a.Address]), "the survivor counts it out");
        Assert.Equal(SiloStatus.Active, (await RowAsync(a)).Status);

        // Declared by its peer's vote, not by itself on the way out.
        Assert.Contains(a.Address, (await RowAsync(b)).SuspectTimes?.Select(s => s.Item1) ?? []);
    }

    private IMembershipTable Table()
    {
        var table = StoreChoice.Database(connection).OpenMembership("test", TimeProvider.System);
        return table;
    }

    private async Task<MembershipEntry> RowAsync(Silo silo)
    {
        var table = Table();
        try
        {
            return Assert.Single((await table.ReadRowAsync(silo.Address, default)).Members).Item1;
        }
        finally
        {
            await ((IAsyncDisposable)table).DisposeAsync();
        }
    }

    private static List<SiloAddress> Active(Silo silo) =>
        [.. silo.Host.Services.GetRequiredService<ISiloStatusOracle>().GetApproximateSiloStatuses(onlyActive: true).Keys.Order()];

    private async Task<Silo> StartAsync(string name, int? port = null)
    {
        var siloPort = port ?? FreePort();
        var fatal = new FatalRecorder();
        var table = new SeverableTable(StoreChoice.Database(connection).OpenMembership("test", TimeProvider.System));
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleans(orleans =>
        {
            orleans.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("test", "test"));
            orleans.Configure<EndpointOptions>(o =>
            {
                o.AdvertisedIPAddress = IPAddress.Loopback;
                o.SiloPort = siloPort;
                o.GatewayPort = 0;
            });
            orleans.Configure<SiloOptions>(o => o.SiloName = name);
            orleans.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
            });
            orleans.Services.AddSingleton<IMembershipTable>(table);
        });

        // After Orleans' own: a silo declared dead would end the test process (Environment.FailFast) by default.
        builder.Services.AddSingleton<IFatalErrorHandler>(fatal);
        var host = builder.Build();
        var silo = new Silo(host, siloPort, fatal, table);
        silos.Add(silo);
        await host.StartAsync();
        silo.Address = host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        return silo;
    }

    /// <summary>
    /// Shortens how long a joined silo retries writing its own status to an unreachable table (Orleans'
    /// <see cref="ClusterMembershipOptions.MaxJoinAttemptTime"/>, five minutes by default, read at each write) to a second.
    /// </summary>
    /// <remarks>
    /// Implementation note: set on the running silo's options rather than at its start, so its joining keeps the
    /// default's patience (a join retried once on contention backs off two seconds); only the writes that follow, which
    /// can only fail once it is cut off, give up sooner.
    /// </remarks>
    private static void GiveUpOnTheTable(Silo silo) =>
        silo.Host.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value.MaxJoinAttemptTime = TimeSpan.FromSeconds(1);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task EventuallyAsync(Func<bool> condition, string what) => EventuallyAsync(() => Task.FromResult(condition()), what);

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var until = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, $"not within {Patience.TotalSeconds:0} s: {what}");
            await Task.Delay(100);
        }
    }

    private sealed record Silo(IHost Host, int Port, FatalRecorder Fatal, SeverableTable Table)
    {
        /// <summary>The stop without a shutdown a test made, if any.</summary>
        public Task? Stopping { get; set; }

        /// <summary>The silo's address, read once it started (it outlives the host).</summary>
        public SiloAddress Address { get; set; } = SiloAddress.Zero;
    }

    /// <summary>Records the fatal errors Orleans reports instead of ending the process.</summary>
    private sealed class FatalRecorder : IFatalErrorHandler
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> seen = new();

        public bool IsEmpty => seen.IsEmpty;

        public bool IsUnexpected(Exception exception) => true;

        public void OnFatalException(object? sender = null, string? context = null, Exception? exception = null) => seen.Enqueue(context ?? exception?.Message ?? "fatal");
    }
}
