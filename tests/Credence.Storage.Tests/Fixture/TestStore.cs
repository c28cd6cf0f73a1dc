using Credence.Registry.Storage;
using Microsoft.Data.Sqlite;

namespace Credence.Storage.Tests.Fixture;

/// <summary>
/// A fresh store of one kind for one test, empty or a copy of a <see cref="StoreTemplate"/>: a SQLite file
/// in a new temporary folder, or a new PostgreSQL database on <see cref="TestPostgres.Variable"/>'s server.
/// Disposing closes it and deletes the folder or drops the database.
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    private readonly string? folder;

    private TestStore(StoreKind kind, string location, string? folder, TimeProvider clock)
    {
        Kind = kind;
        Location = location;
        this.folder = folder;
        Clock = clock;
        Store = StoreFactory.Open(kind, location, clock);
    }

    public StoreKind Kind { get; }

    /// <summary>Where the store is: the SQLite file, or the PostgreSQL connection string.</summary>
    public string Location { get; }

    public TimeProvider Clock { get; }

    public IRegistryStore Store { get; private set; }

    /// <summary>A store at a new location: empty, or a copy of <paramref name="template"/>'s state.</summary>
    public static async Task<TestStore> CreateAsync(StoreKind kind, TimeProvider clock, StoreTemplate? template = null)
    {
        var (location, folder) = await NewLocationAsync(kind, template is null ? null : await template.LocationAsync());
        try
        {
            return new TestStore(kind, location, folder, clock);
        }
        catch
        {
            await DeleteLocationAsync(kind, location, folder);
            throw;
        }
    }

    /// <summary>
    /// A new location no store is open on, and its temporary folder (SQLite only): empty, or a copy of the
    /// closed store at <paramref name="template"/> (a SQLite file, or a PostgreSQL test database's connection string).
    /// </summary>
    internal static async Task<(string Location, string? Folder)> NewLocationAsync(StoreKind kind, string? template)
    {
        switch (kind)
        {
            case StoreKind.Sqlite:
                var folder = Path.Combine(Path.GetTempPath(), "credence-storage-tests", Guid.NewGuid().ToString("N"));
                Directory.CreateDirectory(folder);
                var file = Path.Combine(folder, "registry.db");
                if (template is not null)
                {
                    // A closed store has checkpointed its log into the file; should one be left, it is part of the state.
                    File.Copy(template, file);
                    if (File.Exists(template + "-wal"))
                    {
                        File.Copy(template + "-wal", file + "-wal");
                    }
                }

                return (file, folder);
            case StoreKind.Postgres:
                return (await TestPostgres.CreateDatabaseAsync(template), null);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    /// <summary>Deletes a location <see cref="NewLocationAsync"/> made: drops the database, or deletes the folder.</summary>
    internal static async Task DeleteLocationAsync(StoreKind kind, string location, string? folder)
    {
        if (kind == StoreKind.Postgres)
        {
            await TestPostgres.DropDatabaseAsync(location);
            return;
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder!, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }

    /// <summary>Closes the store (draining its writes) and opens the same location again.</summary>
    public async Task ReopenAsync()
    {
        await Store.DisposeAsync();
        Store = StoreFactory.Open(Kind, Location, Clock);
    }

    /// <summary>Closes the store without opening it again (e.g. before another process opens it).</summary>
    public ValueTask CloseAsync() => Store.DisposeAsync();

    /// <summary>Opens the store again after <see cref="CloseAsync"/>.</summary>
    public void Open() => Store = StoreFactory.Open(Kind, Location, Clock);

    /// <summary>The ledger audit's problems: none when every covered row has its entry and every entry its row.</summary>
    public IReadOnlyList<string> AuditLedger() => StoreFactory.AuditLedger(Kind, Location);

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        await DeleteLocationAsync(Kind, Location, folder);
    }
}
