using System.Net;
using Credence.Registry.Storage;
using Credence.Storage.Tests.Fixture;
using Npgsql;
using Orleans;
using Orleans.Runtime;

namespace Credence.Storage.Tests.Cluster;

/// <summary>
/// Orleans' contract for a membership table, held by the one kept in the PostgreSQL store: the table
/// version and each row's etag are checked together, a write that fails either check leaves nothing
/// behind, concurrent writers from one snapshot get exactly one success, heartbeats move no etag, and
/// cleanup forgets only the long-dead. Each test on a fresh database with the store's schema
/// (a copy of <see cref="StoreTemplate.Schema"/>); one brings an empty database's schema up to date itself.
/// </summary>
public sealed class MembershipTableContract : IAsyncLifetime
{
    private static readonly DateTime Started = new(2026, 6, 1, 8, 0, 0, DateTimeKind.Utc);

    private string connection = string.Empty;

    private IMembershipTable table = null!;

    public async Task InitializeAsync()
    {
        connection = await TestPostgres.CreateDatabaseAsync(await StoreTemplate.Schema(StoreKind.Postgres).LocationAsync());
        table = Open("credence");
        await table.InitializeMembershipTableAsync(true, default);
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncDisposable)table).DisposeAsync();
        await TestPostgres.DropDatabaseAsync(connection);
    }

    [Fact]
    public async Task A_new_table_is_empty_at_version_zero_and_initialising_again_changes_nothing()
    {
        var empty = await table.ReadAllAsync(default);
        Assert.Empty(empty.Members);
        Assert.Equal(0, empty.Version.Version);

        Assert.True(await table.InsertRowAsync(Entry(1), empty.Version.Next(), default));
        await table.InitializeMembershipTableAsync(true, default);
        var after = await table.ReadAllAsync(default);
        Assert.Single(after.Members);
        Assert.Equal(1, after.Version.Version);
    }

    [Fact]
    public async Task An_insert_under_the_current_version_etag_adds_the_row_and_moves_the_version_on()
    {
        var before = await table.ReadAllAsync(default);
        Assert.True(await table.InsertRowAsync(Entry(1), before.Version.Next(), default));

        var after = await table.ReadAllAsync(default);
        Assert.Equal(before.Version.Version + 1, after.Version.Version);
        Assert.NotEqual(before.Version.VersionEtag, after.Version.VersionEtag);
        var (entry, etag) = Assert.Single(after.Members);
        AssertSame(Entry(1), entry);
        Assert.False(string.IsNullOrEmpty(etag));
    }

    [Fact]
    public async Task An_insert_under_a_stale_version_etag_fails_and_leaves_nothing_behind()
    {
        var stale = await table.ReadAllAsync(default);
        Assert.True(await table.InsertRowAsync(Entry(1), stale.Version.Next(), default));
        var now = await table.ReadAllAsync(default);

        Assert.False(await table.InsertRowAsync(Entry(2), stale.Version.Next(), default));
        Assert.False(await table.InsertRowAsync(Entry(2), new TableVersion(now.Version.Version + 1, "not-an-etag"), default));
        Assert.False(await table.InsertRowAsync(Entry(2), new TableVersion(now.Version.Version + 1, "-1"), default));
        Assert.False(await table.InsertRowAsync(Entry(2), new TableVersion(now.Version.Version + 1, "١"), default));

        var after = await table.ReadAllAsync(default);
        Assert.Equal(now.Version, after.Version);
        Assert.Equal([Entry(1).SiloAddress], after.Members.Select(m => m.Item1.SiloAddress));
    }

    [Fact]
    public async Task Inserting_a_silo_that_is_already_there_fails_and_the_version_does_not_move()
    {
        var first = await table.ReadAllAsync(default);
        Assert.True(await table.InsertRowAsync(Entry(1), first.Version.Next(), default));
        var now = await table.ReadAllAsync(default);

        // The version etag is current, so only the row's conflict can fail it: the version's move must be rolled back with it.
        Assert.False(await table.InsertRowAsync(Entry(1, SiloStatus.Active), now.Version.Next(), default));
        var after = await table.ReadAllAsync(default);
        Assert.Equal(now.Version, after.Version);
        Assert.Equal(SiloStatus.Joining, Assert.Single(after.Members).Item1.Status);
    }

    [Fact]
    public async Task An_update_needs_both_the_rows_etag_and_the_versions_and_a_failed_one_changes_neither()
    {
        Assert.True(await table.InsertRowAsync(Entry(1), (await table.ReadAllAsync(default)).Version.Next(), default));
        var read = await table.ReadAllAsync(default);
        var (_, rowEtag) = read.Members[0];

        // A stale version etag: the row stays as it was.
        Assert.True(await table.InsertRowAsync(Entry(2), read.Version.Next(), default));
        Assert.False(await table.UpdateRowAsync(Entry(1, SiloStatus.Active), rowEtag, read.Version.Next(), default));
        Assert.Equal(SiloStatus.Joining, (await table.ReadRowAsync(Entry(1).SiloAddress, default)).Members[0].Item1.Status);

        // A current version etag with a stale or foreign row etag: the version stays as it was.
        var now = await table.ReadAllAsync(default);
        var otherRowEtag = now.Members.Single(m => m.Item1.SiloAddress.Equals(Entry(2).SiloAddress)).Item2;
        Assert.True(await table.UpdateRowAsync(Entry(1, SiloStatus.Active), rowEtag, now.Version.Next(), default));
        var updated = await table.ReadAllAsync(default);
        foreach (var wrong in new[] { rowEtag, "garbage", string.Empty, "99999", "+1" })
        {
            Assert.False(await table.UpdateRowAsync(Entry(1, SiloStatus.Dead), wrong, updated.Version.Next(), default));
        }

        var after = await table.ReadAllAsync(default);
        Assert.Equal(updated.Version, after.Version);
        Assert.Equal(SiloStatus.Active, after.Members.Single(m => m.Item1.SiloAddress.Equals(Entry(1).SiloAddress)).Item1.Status);
        Assert.Equal(otherRowEtag, after.Members.Single(m => m.Item1.SiloAddress.Equals(Entry(2).SiloAddress)).Item2);

        // A silo that is not in the table cannot be updated into it.
        Assert.False(await table.UpdateRowAsync(Entry(3), "0", after.Version.Next(), default));
        Assert.Equal(2, (await table.ReadAllAsync(default)).Members.Count);
    }

    [Fact]
    public async Task Writers_racing_from_one_snapshot_get_exactly_one_success()
    {
        Assert.True(await table.InsertRowAsync(Entry(0), (await table.ReadAllAsync(default)).Version.Next(), default));
        var snapshot = await table.ReadAllAsync(default);
        var (_, rowEtag) = snapshot.Members[0];

        // Each racer has its own table object (its own connections), as separate silos would.
        var racers = Enumerable.Range(1, 8).Select(_ => Open("credence")).ToList();
        try
        {
            var inserts = await Task.WhenAll(racers.Select((r, i) => r.InsertRowAsync(Entry(i + 1), snapshot.Version.Next(), default)));
            Assert.Equal(1, inserts.Count(x => x));

            var next = await table.ReadAllAsync(default);
            var updates = await Task.WhenAll(racers.Select((r, i) =>
            {
                var entry = Entry(0, SiloStatus.Active);
                entry.SuspectTimes = [Tuple.Create(Entry(i + 1).SiloAddress, Started)];
                return r.UpdateRowAsync(entry, next.Members.Single(m => m.Item1.SiloAddress.Equals(Entry(0).SiloAddress)).Item2, next.Version.Next(), default);
            }));
            Assert.Equal(1, updates.Count(x => x));
            Assert.Equal(next.Version.Version + 1, (await table.ReadAllAsync(default)).Version.Version);
            Assert.Equal(rowEtag, snapshot.Members[0].Item2);
        }
        finally
        {
            foreach (var racer in racers)
            {
                await ((IAsyncDisposable)racer).DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_heartbeat_moves_only_i_am_alive_so_what_a_writer_read_stays_usable()
    {
        Assert.True(await table.InsertRowAsync(Entry(1), (await table.ReadAllAsync(default)).Version.Next(), default));
        var read = await table.ReadAllAsync(default);
        var alive = Entry(1);
        alive.IAmAliveTime = Started.AddMinutes(5).AddTicks(7);
        alive.Status = SiloStatus.Dead; // a heartbeat carries the whole entry; only its instant may be written
        await table.UpdateIAmAliveAsync(alive, default);

        var after = await table.ReadAllAsync(default);
        Assert.Equal(read.Version, after.Version);
        var (entry, etag) = Assert.Single(after.Members);
        Assert.Equal(read.Members[0].Item2, etag);
        Assert.Equal(alive.IAmAliveTime, entry.IAmAliveTime);
        Assert.Equal(SiloStatus.Joining, entry.Status);
        Assert.True(await table.UpdateRowAsync(Entry(1, SiloStatus.Active), etag, after.Version.Next(), default));

        // A heartbeat for a silo the table does not hold adds nothing.
        await table.UpdateIAmAliveAsync(Entry(9), default);
        Assert.Single((await table.ReadAllAsync(default)).Members);
    }

    [Fact]
    public async Task Every_field_reads_back_as_written_including_suspicions_and_other_scripts()
    {
        var entry = Entry(1, SiloStatus.ShuttingDown);
        entry.HostName = "节点-一.example";
        entry.SiloName = "silo \"one\"; DROP TABLE cluster_members; --";
        entry.RoleName = "credence";
        entry.UpdateZone = 3;
        entry.FaultZone = 7;
        entry.ProxyPort = 30_001;
        entry.StartTime = Started.AddTicks(1);
        entry.IAmAliveTime = Started.AddTicks(123_456_789);
        entry.SuspectTimes = [Tuple.Create(Entry(2).SiloAddress, Started.AddTicks(3)), Tuple.Create(Entry(3).SiloAddress, Started.AddDays(1))];
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(default)).Version.Next(), default));

        AssertSame(entry, (await table.ReadAllAsync(default)).Members[0].Item1);
        var row = await table.ReadRowAsync(entry.SiloAddress, default);
        AssertSame(entry, Assert.Single(row.Members).Item1);
        Assert.Equal((await table.ReadAllAsync(default)).Version, row.Version);
        Assert.Empty((await table.ReadRowAsync(Entry(2).SiloAddress, default)).Members);
    }

    [Fact]
    public async Task A_restarted_silo_on_the_same_endpoint_is_a_new_generation_and_a_new_row()
    {
        var old = Entry(1, SiloStatus.Dead);
        var restarted = Entry(1);
        restarted.SiloAddress = SiloAddress.New(old.SiloAddress.Endpoint, old.SiloAddress.Generation + 1);
        Assert.True(await table.InsertRowAsync(old, (await table.ReadAllAsync(default)).Version.Next(), default));
        Assert.True(await table.InsertRowAsync(restarted, (await table.ReadAllAsync(default)).Version.Next(), default));
        var all = await table.ReadAllAsync(default);
        Assert.Equal(2, all.Members.Count);
        Assert.Equal(SiloStatus.Dead, Assert.Single((await table.ReadRowAsync(old.SiloAddress, default)).Members).Item1.Status);
        Assert.Equal(SiloStatus.Joining, Assert.Single((await table.ReadRowAsync(restarted.SiloAddress, default)).Members).Item1.Status);
    }

    [Fact]
    public async Task Cleanup_forgets_only_silos_declared_dead_whose_last_heartbeat_is_before_the_date()
    {
        var cutoff = Started.AddDays(7);
        var entries = new[]
        {
            Alive(Entry(1, SiloStatus.Dead), cutoff.AddTicks(-1)),     // dead long ago: forgotten
            Alive(Entry(2, SiloStatus.Dead), cutoff),                  // dead, heartbeat at the cut-off: kept (the bound is exclusive)
            Alive(Entry(3, SiloStatus.Active), cutoff.AddDays(-30)),   // active with an old heartbeat: kept (only a vote kills)
            Alive(Entry(4, SiloStatus.Joining), cutoff.AddDays(-30)),  // joining: kept
            Alive(Entry(5, SiloStatus.Dead), cutoff.AddDays(1)),       // dead recently: kept
        };
        foreach (var entry in entries)
        {
            Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(default)).Version.Next(), default));
        }

        // Another cluster's dead silo in the same database is not this table's to forget.
        var other = Open("other");
        await other.InitializeMembershipTableAsync(true, default);
        Assert.True(await other.InsertRowAsync(Alive(Entry(1, SiloStatus.Dead), cutoff.AddDays(-30)), (await other.ReadAllAsync(default)).Version.Next(), default));

        await table.CleanupDefunctSiloEntriesAsync(new DateTimeOffset(cutoff), default);
        Assert.Equal([2, 3, 4, 5], (await table.ReadAllAsync(default)).Members.Select(m => m.Item1.SiloAddress.Endpoint.Port - 11_110).Order());
        Assert.Single((await other.ReadAllAsync(default)).Members);
        await ((IAsyncDisposable)other).DisposeAsync();
    }

    [Fact]
    public async Task Clusters_on_one_store_are_apart_and_deleting_one_leaves_the_other()
    {
        var other = Open("other-cluster");
        try
        {
            await other.InitializeMembershipTableAsync(true, default);
            Assert.True(await table.InsertRowAsync(Entry(1), (await table.ReadAllAsync(default)).Version.Next(), default));
            Assert.True(await other.InsertRowAsync(Entry(2), (await other.ReadAllAsync(default)).Version.Next(), default));
            Assert.Equal([Entry(1).SiloAddress], (await table.ReadAllAsync(default)).Members.Select(m => m.Item1.SiloAddress));
            Assert.Empty((await other.ReadRowAsync(Entry(1).SiloAddress, default)).Members);

            await table.DeleteMembershipTableEntriesAsync("other-cluster", default);
            Assert.Empty((await other.ReadAllAsync(default)).Members);
            Assert.Single((await table.ReadAllAsync(default)).Members);

            // Initialised again, the deleted cluster starts over at version 0.
            await other.InitializeMembershipTableAsync(true, default);
            Assert.Equal(0, (await other.ReadAllAsync(default)).Version.Version);
        }
        finally
        {
            await ((IAsyncDisposable)other).DisposeAsync();
        }
    }

    [Fact]
    public async Task The_table_brings_a_fresh_databases_schema_up_to_date_and_only_a_shared_store_has_one()
    {
        var fresh = await TestPostgres.CreateDatabaseAsync();
        try
        {
            var membership = StoreChoice.Database(fresh).OpenMembership("credence", TimeProvider.System);
            await membership.InitializeMembershipTableAsync(true, default);
            Assert.True(await membership.InsertRowAsync(Entry(1), (await membership.ReadAllAsync(default)).Version.Next(), default));
            await ((IAsyncDisposable)membership).DisposeAsync();
            await using var check = new NpgsqlConnection(fresh);
            await check.OpenAsync();
            await using var version = new NpgsqlCommand("SELECT max(version) FROM schema_migrations", check);
            Assert.Equal(Registry.Storage.Postgres.PostgresRegistryStore.SchemaVersion, (int)(await version.ExecuteScalarAsync())!);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(fresh);
        }

        Assert.True(StoreChoice.Database(connection).IsShared);
        Assert.False(StoreChoice.File("registry.db").IsShared);
        Assert.Throws<NotSupportedException>(() => StoreChoice.File("registry.db").OpenMembership("credence", TimeProvider.System));
    }

    private IMembershipTable Open(string clusterId) => StoreChoice.Database(connection).OpenMembership(clusterId, TimeProvider.System);

    /// <summary>Silo <paramref name="n"/> on 127.0.0.1, port 11110 + n.</summary>
    private static MembershipEntry Entry(int n, SiloStatus status = SiloStatus.Joining) => new()
    {
        SiloAddress = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11_110 + n), 1_000 + n),
        Status = status,
        HostName = "host-" + n,
        SiloName = "silo-" + n,
        RoleName = "credence",
        ProxyPort = 30_000 + n,
        StartTime = Started,
        IAmAliveTime = Started,
        SuspectTimes = [],
    };

    private static MembershipEntry Alive(MembershipEntry entry, DateTime at)
    {
        entry.IAmAliveTime = at;
        return entry;
    }

    private static void AssertSame(MembershipEntry expected, MembershipEntry actual)
    {
        Assert.Equal(expected.SiloAddress, actual.SiloAddress);
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.HostName, actual.HostName);
        Assert.Equal(expected.SiloName, actual.SiloName);
        Assert.Equal(expected.RoleName, actual.RoleName);
        Assert.Equal(expected.ProxyPort, actual.ProxyPort);
        Assert.Equal(expected.UpdateZone, actual.UpdateZone);
        Assert.Equal(expected.FaultZone, actual.FaultZone);
        Assert.Equal(expected.StartTime, actual.StartTime);
        Assert.Equal(expected.IAmAliveTime, actual.IAmAliveTime);
        Assert.Equal(DateTimeKind.Utc, actual.IAmAliveTime.Kind);
        Assert.Equal(expected.SuspectTimes?.Select(s => (s.Item1, s.Item2)) ?? [], actual.SuspectTimes?.Select(s => (s.Item1, s.Item2)) ?? []);
    }
}
