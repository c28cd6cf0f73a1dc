using Credence.Registry.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Credence.Storage.Tests.Fixture;

/// <summary>
/// The base of every contract class: each test gets a fresh store of the subclass's kind (a copy of
/// <see cref="Template"/>) and a fake clock at <see cref="Start"/>, through the storage contract only.
/// </summary>
public abstract class StoreContract(StoreKind kind) : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    private TestStore? test;
    private SteppedClock? wall;

    protected StoreKind Kind { get; } = kind;

    /// <summary>The clock of the store and of the use cases: a fake one, moved by hand.</summary>
    protected FakeTimeProvider Clock { get; } = new(Start);

    /// <summary>The same clock, which a test may also step back (<see cref="SteppedClock.Set"/>).</summary>
    protected SteppedClock Wall => wall ??= new SteppedClock(Clock);

    protected TestStore Test => test ?? throw new InvalidOperationException("the store is not open");

    protected IRegistryStore Store => Test.Store;

    /// <summary>The state each test's store starts from.</summary>
    protected virtual StoreTemplate Template => StoreTemplate.Schema(Kind);

    public virtual async Task InitializeAsync() => test = await TestStore.CreateAsync(Kind, Wall, Template);

    public virtual async Task DisposeAsync()
    {
        if (test is not null)
        {
            await test.DisposeAsync();
        }
    }

    /// <summary>Runs one unit of work and returns its result once committed.</summary>
    protected Task<T> WriteAsync<T>(Func<IRegistryWriter, T> work) => Store.WriteAsync(work);

    /// <summary>Runs a unit of work that returns nothing of interest.</summary>
    protected Task WriteAsync(Action<IRegistryWriter> work) => Store.WriteAsync(w =>
    {
        work(w);
        return true;
    });

    protected Task<T> ReadAsync<T>(Func<IRegistryReader, T> query) => Store.ReadAsync(query);
}
