using Orleans;
using Orleans.Runtime;

namespace Credence.Storage.Tests.Cluster;

/// <summary>
/// A silo's membership table that can be cut off, as a machine that lost its power or its network is:
/// once <see cref="Sever"/> is called every call fails, so the silo can write nothing more about itself
/// (not even that it is stopping) and only its peers can declare it dead.
/// </summary>
internal sealed class SeverableTable(IMembershipTable table) : IMembershipTable, IAsyncDisposable
{
    private volatile bool severed;

    public void Sever() => severed = true;

    public Task InitializeMembershipTableAsync(bool tryInitTableVersion, CancellationToken cancellationToken) => Pass(() => table.InitializeMembershipTableAsync(tryInitTableVersion, cancellationToken));

    public Task DeleteMembershipTableEntriesAsync(string clusterId, CancellationToken cancellationToken) => Pass(() => table.DeleteMembershipTableEntriesAsync(clusterId, cancellationToken));

    public Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken) => Pass(() => table.CleanupDefunctSiloEntriesAsync(beforeDate, cancellationToken));

    public Task<MembershipTableData> ReadRowAsync(SiloAddress key, CancellationToken cancellationToken) => Pass(() => table.ReadRowAsync(key, cancellationToken));

    public Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken) => Pass(() => table.ReadAllAsync(cancellationToken));

    public Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion tableVersion, CancellationToken cancellationToken) => Pass(() => table.InsertRowAsync(entry, tableVersion, cancellationToken));

    public Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion tableVersion, CancellationToken cancellationToken) => Pass(() => table.UpdateRowAsync(entry, etag, tableVersion, cancellationToken));

    public Task UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken) => Pass(() => table.UpdateIAmAliveAsync(entry, cancellationToken));

    Task IMembershipTable.InitializeMembershipTable(bool tryInitTableVersion) => InitializeMembershipTableAsync(tryInitTableVersion, default);

    Task IMembershipTable.DeleteMembershipTableEntries(string clusterId) => DeleteMembershipTableEntriesAsync(clusterId, default);

    Task IMembershipTable.CleanupDefunctSiloEntries(DateTimeOffset beforeDate) => CleanupDefunctSiloEntriesAsync(beforeDate, default);

    Task<MembershipTableData> IMembershipTable.ReadRow(SiloAddress key) => ReadRowAsync(key, default);

    Task<MembershipTableData> IMembershipTable.ReadAll() => ReadAllAsync(default);

    Task<bool> IMembershipTable.InsertRow(MembershipEntry entry, TableVersion tableVersion) => InsertRowAsync(entry, tableVersion, default);

    Task<bool> IMembershipTable.UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) => UpdateRowAsync(entry, etag, tableVersion, default);

    Task IMembershipTable.UpdateIAmAlive(MembershipEntry entry) => UpdateIAmAliveAsync(entry, default);

    public ValueTask DisposeAsync() => ((IAsyncDisposable)table).DisposeAsync();

    private T Pass<T>(Func<T> call) where T : Task => severed ? throw new InvalidOperationException("the silo's machine is cut off") : call();
}
