using System.Data;
using System.Globalization;
using Npgsql;
using Orleans;
using Orleans.Runtime;

namespace Credence.Registry.Storage.Postgres;

/// <summary>
/// Orleans' membership table kept in the registry's own PostgreSQL database (migration 0009:
/// <c>cluster_versions</c>, <c>cluster_members</c>): the silos of a cluster that share the store find
/// each other, watch each other and declare each other dead through it.
/// </summary>
/// <remarks>
/// Implementation note: Orleans' protocol needs two optimistic checks to hold together, the table's
/// version etag and the row's etag. Each write runs in one transaction that first moves the version row
/// on only if its etag is still the one the caller read (<c>UPDATE … WHERE etag = $read</c>, which locks
/// the row, so a concurrent writer waits and then finds the etag moved), then inserts or updates the
/// member row under its own etag check; either check failing rolls both back and answers false.
/// Etags are counters (bigint) shown as decimal text. A heartbeat (<see cref="UpdateIAmAliveAsync"/>) touches
/// only its row's <c>i_am_alive</c>, never an etag, as Orleans allows, so it never invalidates a
/// writer's snapshot. Instants are stored as UTC ticks, so what is read back is what was written.
/// </remarks>
internal sealed class PostgresMembershipTable : IMembershipTable, IAsyncDisposable
{
    private readonly NpgsqlDataSource dataSource;
    private readonly string connectionString;
    private readonly string clusterId;
    private readonly TimeProvider clock;

    public PostgresMembershipTable(string connectionString, string clusterId, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        var settings = PostgresConnectionText.Parse(connectionString);
        if (string.IsNullOrEmpty(settings.ApplicationName))
        {
            settings.ApplicationName = "credence-membership";
        }

        // Heartbeats and probes are few: a small pool of its own, apart from the registry's writers and readers.
        settings.MaxPoolSize = Math.Min(settings.MaxPoolSize, 4);
        dataSource = NpgsqlDataSource.Create(settings.ConnectionString);
        this.connectionString = connectionString;
        this.clusterId = clusterId;
        this.clock = clock;
    }

    /// <summary>Brings the schema up to date (the table may be opened before the registry's store) and, when asked, creates the cluster's version row.</summary>
    public async Task InitializeMembershipTableAsync(bool tryInitTableVersion, CancellationToken cancellationToken)
    {
        await using (var connection = await OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            await Task.Run(() => PostgresMigrations.Apply(connection, clock.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }

        if (tryInitTableVersion)
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var insert = Command(connection, null, "INSERT INTO cluster_versions (cluster_id, version, etag) VALUES ($1, 0, 0) ON CONFLICT DO NOTHING", clusterId);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task DeleteMembershipTableEntriesAsync(string clusterId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var delete = Command(connection, null, "DELETE FROM cluster_versions WHERE cluster_id = $1", clusterId);
        await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Forgets the silos declared dead whose last heartbeat is before <paramref name="beforeDate"/> (a live or joining silo's row is never removed).</summary>
    public async Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var delete = Command(connection, null, "DELETE FROM cluster_members WHERE cluster_id = $1 AND status = $2 AND i_am_alive < $3", clusterId, (int)SiloStatus.Dead, beforeDate.UtcTicks);
        await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<MembershipTableData> ReadRowAsync(SiloAddress key, CancellationToken cancellationToken) => ReadAsync(key, cancellationToken);

    public Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken) => ReadAsync(null, cancellationToken);

    public async Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion tableVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(tableVersion);
        return await WriteAsync(tableVersion, async (connection, transaction) =>
        {
            await using var insert = Command(
                connection,
                transaction,
                """
                INSERT INTO cluster_members (cluster_id, silo, status, proxy_port, host_name, silo_name, role_name, update_zone, fault_zone, start_time, i_am_alive, suspecters, suspect_times, etag)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 0)
                ON CONFLICT DO NOTHING
                """,
                [clusterId, .. Columns(entry)]);
            return await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion tableVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(tableVersion);
        if (!long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var rowEtag))
        {
            return false;
        }

        return await WriteAsync(tableVersion, async (connection, transaction) =>
        {
            await using var update = Command(
                connection,
                transaction,
                """
                UPDATE cluster_members SET status = $3, proxy_port = $4, host_name = $5, silo_name = $6, role_name = $7, update_zone = $8, fault_zone = $9,
                    start_time = $10, i_am_alive = $11, suspecters = $12, suspect_times = $13, etag = etag + 1
                WHERE cluster_id = $1 AND silo = $2 AND etag = $14
                """,
                [clusterId, .. Columns(entry), rowEtag]);
            return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The silo's heartbeat: its <c>i_am_alive</c> only (no etag moves). A silo whose row is gone (cleaned up after it was declared dead) changes nothing.</summary>
    public async Task UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var update = Command(connection, null, "UPDATE cluster_members SET i_am_alive = $3 WHERE cluster_id = $1 AND silo = $2", clusterId, entry.SiloAddress.ToParsableString(), Ticks(entry.IAmAliveTime));
        await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    // Orleans' older signatures, still abstract on the interface (and obsolete): each is its token-taking twin with no token.
    Task IMembershipTable.InitializeMembershipTable(bool tryInitTableVersion) => InitializeMembershipTableAsync(tryInitTableVersion, CancellationToken.None);

    Task IMembershipTable.DeleteMembershipTableEntries(string clusterId) => DeleteMembershipTableEntriesAsync(clusterId, CancellationToken.None);

    Task IMembershipTable.CleanupDefunctSiloEntries(DateTimeOffset beforeDate) => CleanupDefunctSiloEntriesAsync(beforeDate, CancellationToken.None);

    Task<MembershipTableData> IMembershipTable.ReadRow(SiloAddress key) => ReadRowAsync(key, CancellationToken.None);

    Task<MembershipTableData> IMembershipTable.ReadAll() => ReadAllAsync(CancellationToken.None);

    Task<bool> IMembershipTable.InsertRow(MembershipEntry entry, TableVersion tableVersion) => InsertRowAsync(entry, tableVersion, CancellationToken.None);

    Task<bool> IMembershipTable.UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) => UpdateRowAsync(entry, etag, tableVersion, CancellationToken.None);

    Task IMembershipTable.UpdateIAmAlive(MembershipEntry entry) => UpdateIAmAliveAsync(entry, CancellationToken.None);

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    /// <summary>The version row and the members (all, or <paramref name="silo"/>'s) in one snapshot.</summary>
    private async Task<MembershipTableData> ReadAsync(SiloAddress? silo, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        TableVersion version;
        await using (var select = Command(connection, transaction, "SELECT version, etag FROM cluster_versions WHERE cluster_id = $1", clusterId))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            version = await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? new TableVersion(reader.GetInt32(0), reader.GetInt64(1).ToString(CultureInfo.InvariantCulture))
                : new TableVersion(0, "-1");
        }

        var members = new List<Tuple<MembershipEntry, string>>();
        const string Columns = "silo, status, proxy_port, host_name, silo_name, role_name, update_zone, fault_zone, start_time, i_am_alive, suspecters, suspect_times, etag";
        await using (var select = silo is null
            ? Command(connection, transaction, $"SELECT {Columns} FROM cluster_members WHERE cluster_id = $1 ORDER BY silo", clusterId)
            : Command(connection, transaction, $"SELECT {Columns} FROM cluster_members WHERE cluster_id = $1 AND silo = $2", clusterId, silo.ToParsableString()))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                members.Add(Tuple.Create(Entry(reader), reader.GetInt64(12).ToString(CultureInfo.InvariantCulture)));
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new MembershipTableData(members, version);
    }

    /// <summary>Moves the version row on under its etag, then does <paramref name="write"/>; both or neither.</summary>
    private async Task<bool> WriteAsync(TableVersion tableVersion, Func<NpgsqlConnection, NpgsqlTransaction, Task<bool>> write, CancellationToken cancellationToken)
    {
        if (!long.TryParse(tableVersion.VersionEtag, NumberStyles.None, CultureInfo.InvariantCulture, out var versionEtag))
        {
            return false;
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
        await using (var version = Command(connection, transaction, "UPDATE cluster_versions SET version = $2, etag = etag + 1 WHERE cluster_id = $1 AND etag = $3", clusterId, tableVersion.Version, versionEtag))
        {
            if (await version.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                return false;
            }
        }

        if (!await write(connection, transaction).ConfigureAwait(false))
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return false;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The member columns after the cluster id, as <c>$2</c> to <c>$13</c>.</summary>
    private static object[] Columns(MembershipEntry entry)
    {
        var suspects = entry.SuspectTimes ?? [];
        return
        [
            entry.SiloAddress.ToParsableString(),
            (int)entry.Status,
            entry.ProxyPort,
            entry.HostName ?? string.Empty,
            entry.SiloName ?? string.Empty,
            entry.RoleName ?? string.Empty,
            entry.UpdateZone,
            entry.FaultZone,
            Ticks(entry.StartTime),
            Ticks(entry.IAmAliveTime),
            suspects.Select(s => s.Item1.ToParsableString()).ToArray(),
            suspects.Select(s => Ticks(s.Item2)).ToArray(),
        ];
    }

    private static MembershipEntry Entry(NpgsqlDataReader reader)
    {
        var suspecters = reader.GetFieldValue<string[]>(10);
        var times = reader.GetFieldValue<long[]>(11);
        return new MembershipEntry
        {
            SiloAddress = SiloAddress.FromParsableString(reader.GetString(0)),
            Status = (SiloStatus)reader.GetInt32(1),
            ProxyPort = reader.GetInt32(2),
            HostName = reader.GetString(3),
            SiloName = reader.GetString(4),
            RoleName = reader.GetString(5),
            UpdateZone = reader.GetInt32(6),
            FaultZone = reader.GetInt32(7),
            StartTime = new DateTime(reader.GetInt64(8), DateTimeKind.Utc),
            IAmAliveTime = new DateTime(reader.GetInt64(9), DateTimeKind.Utc),
            SuspectTimes = [.. suspecters.Zip(times, (s, t) => Tuple.Create(SiloAddress.FromParsableString(s), new DateTime(t, DateTimeKind.Utc)))],
        };
    }

    /// <summary>An instant as UTC ticks (Orleans' instants are UTC; one of unspecified kind is taken as UTC, never as local time).</summary>
    private static long Ticks(DateTime instant) => instant.Kind == DateTimeKind.Local ? instant.ToUniversalTime().Ticks : instant.Ticks;

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new StoreUnavailableException(PostgresConnectionText.Scrub($"the cluster's membership table cannot reach the PostgreSQL store at {PostgresConnectionText.Redact(connectionString)}: {ex.Message}", connectionString), ex);
        }
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params object[] values)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
