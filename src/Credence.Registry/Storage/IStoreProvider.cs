using Credence.Registry.Ledger;

namespace Credence.Registry.Storage;

/// <summary>
/// What a store offers <see cref="StoreChoice"/>: opening, migrating and naming it, given only its
/// target (a file, a connection string). Each store's folder holds one implementation; the chooser finds
/// them by their interface, so no type of a store is named outside its folder.
/// </summary>
/// <remarks>
/// Implementation note: an implementation needs a public parameterless constructor (the chooser
/// creates one of each when it is first used) and a <see cref="Kind"/> no other store has.
/// </remarks>
public interface IStoreProvider
{
    /// <summary>The store's name as the command line gives it (<c>--store</c>), lower case.</summary>
    string Kind { get; }

    /// <summary>True for a store that lives in a local file (where files beside it, such as the ledger key, may go).</summary>
    bool IsFile { get; }

    /// <summary>Opens the store (created and migrated as needed) for a registry on <paramref name="clock"/>.</summary>
    /// <param name="bulkLoad">The registry is being built in bulk (<see cref="StoreChoice.BulkLoad"/>); a store may keep more in memory, never weaken a guarantee.</param>
    IRegistryStore Open(string target, TimeProvider clock, LedgerBatching? batching, bool bulkLoad);

    /// <summary>Opens the store only to read it (the audit): no migration, no writer.</summary>
    IRegistryStore OpenReadOnly(string target);

    /// <summary>Brings the store's schema up to date: the version after it and the migrations applied now.</summary>
    Task<(int Version, IReadOnlyList<int> Applied)> MigrateAsync(string target, TimeProvider clock, CancellationToken cancellationToken);

    /// <summary>A short name for the registry (the ledger's origin, the key file's name).</summary>
    string Name(string target);

    /// <summary>Where the store is, fit to show: never a password.</summary>
    string Describe(string target);

    /// <summary>True for a store that processes on several machines may share: the silos of one cluster (<c>serve --cluster</c>).</summary>
    bool IsShared { get; }

    /// <summary>
    /// Orleans' membership table of the cluster <paramref name="clusterId"/>, kept in the store at
    /// <paramref name="target"/>, for the silos that share it (only a <see cref="IsShared"/> store has one).
    /// </summary>
    /// <exception cref="NotSupportedException">The store is not shared.</exception>
    Orleans.IMembershipTable OpenMembership(string target, string clusterId, TimeProvider clock);

    /// <summary>The names of the meters and activity sources the store's client library emits, for the host's telemetry (none when it emits none).</summary>
    IReadOnlyList<string> TelemetrySources { get; }
}
