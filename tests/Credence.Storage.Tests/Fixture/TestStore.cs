using Credence.Registry.Storage;
using Microsoft.Data.Sqlite;

namespace Credence.Storage.Tests.Fixture;

/// <summary>
/// A fresh, empty store of one kind for one test: a SQLite file in a new temporary folder, or a new
/// PostgreSQL database on <see cref="TestPostgres.Variable"/>'s server. Disposing closes it and
/// deletes the folder or drops the database.
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

    public static async Task<TestStore> CreateAsync(StoreKind kind, TimeProvider clock)
    {
        switch (kind)
        {
            case StoreKind.Sqlite:
                var folder = Path.Combine(Path.GetTempPath(), "credence-storage-tests", Guid.NewGuid().ToString("N"));
                Directory.CreateDirectory(folder);
                return new TestStore(kind, Path.Combine(folder, "registry.db"), folder, clock);
            case StoreKind.Postgres:
                var database = await TestPostgres.CreateDatabaseAsync();
                try
                {
                    return new TestStore(kind, database, null, clock);
                }
                catch
                {
                    await TestPostgres.DropDatabaseAsync(database);
                    throw;
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
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
        if (Kind == StoreKind.Postgres)
        {
            await TestPostgres.DropDatabaseAsync(Location);
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
}
