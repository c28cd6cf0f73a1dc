using Credence.Registry.Ledger;
using Credence.Registry.Storage.Sqlite;

namespace Credence.Registry.Storage;

/// <summary>
/// Which store a registry keeps its state in, and where: the one place that names the stores, so the
/// command line, the server and the demo choose a store without knowing its types.
/// </summary>
/// <param name="Kind">The store's name as the command line gives it (<c>--store</c>): <see cref="Sqlite"/>.</param>
/// <param name="Target">Where: the database file for <see cref="Sqlite"/>.</param>
public sealed record StoreChoice(string Kind, string Target)
{
    /// <summary>The embedded store: one SQLite database file (the default).</summary>
    public const string Sqlite = "sqlite";

    /// <summary>The store names <see cref="Parse"/> accepts.</summary>
    public static IReadOnlyList<string> Kinds { get; } = [Sqlite];

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
            _ => throw new ArgumentException($"--store '{kind}' is not one of {string.Join(", ", Kinds)}", nameof(kind)),
        };
    }

    /// <summary>Opens the store (created and migrated as needed) for a registry on <paramref name="clock"/>.</summary>
    /// <param name="clock">The registry's clock (each unit of work's instant).</param>
    /// <param name="batching">How the ledger's appends are batched (<c>Credence:Ledger</c>); the defaults when null.</param>
    public IRegistryStore Open(TimeProvider clock, LedgerBatching? batching = null) => Kind switch
    {
        Sqlite => SqliteRegistryStore.Open(Target, clock, batching),
        _ => throw new NotSupportedException($"no store named '{Kind}'"),
    };

    /// <summary>
    /// Opens the store only to read it (the audit): no migration, no writer; its writes fail. What the
    /// store cannot read is <see cref="InvalidDataException"/>.
    /// </summary>
    /// <exception cref="FileNotFoundException">The embedded store's file does not exist.</exception>
    public IRegistryStore OpenReadOnly() => Kind switch
    {
        Sqlite => SqliteReadOnlyStore.Open(Target),
        _ => throw new NotSupportedException($"no store named '{Kind}'"),
    };
}
