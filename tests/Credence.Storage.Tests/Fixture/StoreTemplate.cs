using Credence.Registry;
using Microsoft.Extensions.Time.Testing;

namespace Credence.Storage.Tests.Fixture;

/// <summary>
/// A state a contract test's store starts from, built once per test run and copied for each test
/// (<see cref="TestStore.CreateAsync"/>): <see cref="Schema"/>, what opening an empty location leaves,
/// and <see cref="SamplePolicies"/>, that with the sample policies active.
/// </summary>
/// <remarks>
/// Implementation note: migrating a new PostgreSQL database cost the server more than most contract tests
/// themselves, and uploading, simulating, signing off and activating the two sample policies cost a registry
/// contract test more than its own work; a copy (a file, or <c>CREATE DATABASE … TEMPLATE</c>) holds the same
/// rows for a fraction of that. A template is built as the test would have built it, with a clock at
/// <see cref="StoreContract.Start"/> that does not move, so the copy is what the test would have written; the
/// store a test opens on its copy still runs the migrations' check. Templates are deleted when the process exits.
/// </remarks>
public sealed class StoreTemplate
{
    private static readonly StoreTemplate SqliteSchema = new(StoreKind.Sqlite, null, null);
    private static readonly StoreTemplate PostgresSchema = new(StoreKind.Postgres, null, null);
    private static readonly StoreTemplate SqlitePolicies = new(StoreKind.Sqlite, SqliteSchema, ActivateSamplePoliciesAsync);
    private static readonly StoreTemplate PostgresPolicies = new(StoreKind.Postgres, PostgresSchema, ActivateSamplePoliciesAsync);

    private static readonly List<(StoreKind Kind, string Location, string? Folder)> Built = [];

    private readonly Lazy<Task<string>> location;

    private StoreTemplate(StoreKind kind, StoreTemplate? from, Func<CredenceRegistry, Task>? fill) =>
        location = new(() => BuildAsync(kind, from, fill));

    /// <summary>What opening a store on an empty location leaves: the schema, no rows.</summary>
    public static StoreTemplate Schema(StoreKind kind) => kind == StoreKind.Sqlite ? SqliteSchema : PostgresSchema;

    /// <summary>The schema with the sample policies uploaded, simulated, signed off and active, by <see cref="RegistryContract.Operator"/>.</summary>
    public static StoreTemplate SamplePolicies(StoreKind kind) => kind == StoreKind.Sqlite ? SqlitePolicies : PostgresPolicies;

    /// <summary>The closed template (a SQLite file, or a PostgreSQL connection string), built the first time it is asked for.</summary>
    public Task<string> LocationAsync() => location.Value;

    /// <summary>Deletes every template built (<see cref="TestRun"/> calls it once every test has ended).</summary>
    public static async Task DeleteAllAsync()
    {
        List<(StoreKind Kind, string Location, string? Folder)> built;
        lock (Built)
        {
            built = [.. Built];
            Built.Clear();
        }

        foreach (var (kind, at, folder) in built)
        {
            await TestStore.DeleteLocationAsync(kind, at, folder);
        }
    }

    private static async Task<string> BuildAsync(StoreKind kind, StoreTemplate? from, Func<CredenceRegistry, Task>? fill)
    {
        var (at, folder) = await TestStore.NewLocationAsync(kind, from is null ? null : await from.LocationAsync());
        lock (Built)
        {
            Built.Add((kind, at, folder));
        }

        var clock = new FakeTimeProvider(StoreContract.Start);
        await using var store = StoreFactory.Open(kind, at, clock);
        if (fill is not null)
        {
            await fill(new CredenceRegistry(store, clock));
        }

        return at;
    }

    private static async Task ActivateSamplePoliciesAsync(CredenceRegistry registry)
    {
        foreach (var file in new[] { "rongcheng-persons.yaml", "organisations.yaml" })
        {
            var text = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "policies", file));
            var tag = (await registry.Policies.UploadAsync(RegistryContract.Operator, text, file)).GetValueOrThrow().Policy.Tag;
            await registry.SignOffAsync(tag);
            (await registry.Policies.ActivateAsync(RegistryContract.Operator, tag, null)).GetValueOrThrow();
        }
    }
}
