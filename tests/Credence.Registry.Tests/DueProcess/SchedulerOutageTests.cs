using System.Collections.Concurrent;
using Credence.Registry.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Credence.Registry.Tests.DueProcess;

/// <summary>
/// The scheduler's loop outlives a store that does not answer: each failure is told, the loop plans again
/// after <see cref="Registry.DueProcess.DueProcessScheduler.RetryAfterFailure"/> on the registry's clock,
/// and goes on when the store is back. (It once ended on the failed read of its sleep, and the hosted
/// loop's end stopped the whole server: found by the cluster's fault tests.)
/// </summary>
public sealed class SchedulerOutageTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly string folder = Path.Combine(Path.GetTempPath(), "credence-tests", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider clock = new(Start);
    private readonly OutageStore store;
    private readonly CredenceRegistry registry;

    public SchedulerOutageTests()
    {
        Directory.CreateDirectory(folder);
        store = new OutageStore(StoreChoice.File(Path.Combine(folder, "registry.db")).Open(clock));
        registry = new CredenceRegistry(store, clock);
    }

    [Fact]
    public async Task The_loop_survives_a_store_that_does_not_answer_and_goes_on_when_it_is_back()
    {
        using var stop = new CancellationTokenSource();
        var failures = new ConcurrentQueue<Exception>();
        store.Down = true;
        var loop = registry.Scheduler.RunAsync(failures.Enqueue, stop.Token);

        // The run fails, then the sleep's read of the next due instant: both told, the loop still running.
        await Until(() => failures.Count == 2 || loop.IsCompleted);
        Assert.False(loop.IsCompleted, $"the loop ended: {loop.Exception}");
        Assert.All(failures, f => Assert.IsType<StoreUnavailableException>(f));

        // Back: after the retry wait on the registry's clock, the loop reads again, and fails no more.
        store.Down = false;
        var reads = store.Reads;
        clock.Advance(Registry.DueProcess.DueProcessScheduler.RetryAfterFailure);
        await Until(() => store.Reads > reads + 1);
        Assert.Equal(2, failures.Count);
        Assert.False(loop.IsCompleted);

        await stop.CancelAsync();
        await loop.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(2, failures.Count);
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "not within a minute");
            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await registry.DisposeAsync();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }

    /// <summary>A store that, while <see cref="Down"/>, answers every read and write with the store's "unavailable" failure.</summary>
    private sealed class OutageStore(IRegistryStore inner) : IRegistryStore
    {
        private int reads;

        public volatile bool Down;

        public int Reads => Volatile.Read(ref reads);

        public int SchemaVersion => inner.SchemaVersion;

        public Task<T> WriteAsync<T>(Func<IRegistryWriter, T> work, CancellationToken cancellationToken = default) =>
            Down ? Task.FromException<T>(new StoreUnavailableException("the database does not answer")) : inner.WriteAsync(work, cancellationToken);

        public Task<T> ReadAsync<T>(Func<IRegistryReader, T> query, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref reads);
            return Down ? Task.FromException<T>(new StoreUnavailableException("the database does not answer")) : inner.ReadAsync(query, cancellationToken);
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
