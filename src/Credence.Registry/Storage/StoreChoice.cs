using System.Collections.Frozen;
using Credence.Registry.Ledger;

namespace Credence.Registry.Storage;

/// <summary>
/// Which store a registry keeps its state in, and where, so the command line, the server and the demo
/// choose a store without knowing its types.
/// </summary>
/// <remarks>
/// Implementation note: each store's folder holds an <see cref="IStoreProvider"/>; the chooser finds every
/// implementation in this assembly once, by reflection, so it names no store type (a store's types never
/// leave its folder) and a third store is added by adding its folder.
/// </remarks>
/// <param name="Kind">The store's name as the command line gives it (<c>--store</c>): <see cref="Sqlite"/> or <see cref="Postgres"/>.</param>
/// <param name="Target">Where: the database file for <see cref="Sqlite"/>, the connection string for <see cref="Postgres"/> (which may hold a password: show <see cref="Describe"/>, never this).</param>
public sealed record StoreChoice(string Kind, string Target)
{
    /// <summary>The embedded store: one SQLite database file (the default).</summary>
    public const string Sqlite = "sqlite";

    /// <summary>The production store: a PostgreSQL database named by a connection string.</summary>
    public const string Postgres = "postgres";

    /// <summary>The store names <see cref="Parse"/> accepts.</summary>
    public static IReadOnlyList<string> Kinds { get; } = [Sqlite, Postgres];

    private static readonly FrozenDictionary<string, IStoreProvider> Providers = typeof(IStoreProvider).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IStoreProvider).IsAssignableFrom(t))
        .Select(t => (IStoreProvider)Activator.CreateInstance(t)!)
        .ToFrozenDictionary(p => p.Kind, StringComparer.Ordinal);

    /// <summary>The meters and activity sources every store's client library emits (the host listens to them without naming a store).</summary>
    public static IReadOnlyList<string> TelemetrySources { get; } = [.. Providers.Values.SelectMany(p => p.TelemetrySources).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>
    /// True while a registry is built in bulk (the demo's city): the embedded store's writer then
    /// keeps more in memory (more record versions, the database file mapped) for as long as that
    /// store is open. Every guarantee is the same; a store that serves is never opened so.
    /// </summary>
    public bool BulkLoad { get; init; }

    /// <summary>True for a store that lives in a local file (where files beside it, such as the ledger key, may go).</summary>
    public bool IsFile => Provider.IsFile;

    /// <summary>True for a store that several processes on several machines may share, so that they can run as one cluster (<c>serve --cluster</c>): PostgreSQL, not the SQLite file.</summary>
    public bool IsShared => Provider.IsShared;

    /// <summary>
    /// Orleans' membership table of the cluster <paramref name="clusterId"/>, kept in this store (its schema is
    /// brought up to date when the silo initialises the table), so the silos that share the store find each other.
    /// </summary>
    /// <exception cref="NotSupportedException">The store is not <see cref="IsShared"/>.</exception>
    public Orleans.IMembershipTable OpenMembership(string clusterId, TimeProvider clock) => Provider.OpenMembership(Target, clusterId, clock);

    private IStoreProvider Provider => Providers.TryGetValue(Kind, out var provider) ? provider : throw new NotSupportedException($"no store named '{Kind}'");

    /// <summary>The PostgreSQL database the connection string <paramref name="connectionString"/> names.</summary>
    public static StoreChoice Database(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return new(Postgres, connectionString);
    }

    /// <summary>The embedded store in the database file at <paramref name="path"/>.</summary>
    public static StoreChoice File(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new(Sqlite, path);
    }

    /// <summary>A store by name (<c>--store</c>) and target.</summary>
    /// <exception cref="ArgumentException">No store has that name.</exception>
    public static StoreChoice Parse(string kind, string target)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return kind.Trim().ToLowerInvariant() switch
        {
            Sqlite => File(target),
            Postgres => Database(target),
            _ => throw new ArgumentException($"--store '{kind}' is not one of {string.Join(", ", Kinds)}", nameof(kind)),
        };
    }

    /// <summary>Opens the store (created and migrated as needed) for a registry on <paramref name="clock"/>.</summary>
    /// <param name="clock">The registry's clock (each unit of work's instant).</param>
    /// <param name="batching">How the ledger's appends are batched (<c>Credence:Ledger</c>); the defaults when null.</param>
    public IRegistryStore Open(TimeProvider clock, LedgerBatching? batching = null) => Provider.Open(Target, clock, batching, BulkLoad);

    /// <summary>
    /// Opens the store only to read it (the audit): no migration, no writer; its writes fail. What the
    /// store cannot read is <see cref="InvalidDataException"/>.
    /// </summary>
    /// <exception cref="FileNotFoundException">The embedded store's file does not exist.</exception>
    public IRegistryStore OpenReadOnly() => Provider.OpenReadOnly(Target);

    /// <summary>
    /// Brings the store's schema up to date without opening it for work (<c>credence db migrate</c>):
    /// the schema version after it and the migrations applied now.
    /// </summary>
    /// <exception cref="StoreUnavailableException">The store cannot be reached, or its schema is newer than this program.</exception>
    public Task<(int Version, IReadOnlyList<int> Applied)> MigrateAsync(TimeProvider clock, CancellationToken cancellationToken = default) =>
        Provider.MigrateAsync(Target, clock, cancellationToken);

    /// <summary>A short name for the registry: the database file's name, or the PostgreSQL database's (for the ledger's origin and key file).</summary>
    public string Name => Provider.Name(Target);

    /// <summary>Where the store is, fit to show in a message or a log: the file, or the connection string with its password hidden.</summary>
    public string Describe() => Provider.Describe(Target);

    /// <summary>The store's kind and <see cref="Describe"/> (never the password of a connection string).</summary>
    public override string ToString() => $"{Kind} {Describe()}";
}
