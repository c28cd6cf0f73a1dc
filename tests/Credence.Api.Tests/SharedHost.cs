namespace Credence.Api.Tests;

/// <summary>
/// The class fixture of the tests that share a host (<see cref="SharedHostTests"/>): at most one <see cref="ApiHost"/> with the
/// sample policies and one without, each started when a test of the class first asks for it and stopped when the class is done.
/// </summary>
/// <remarks>
/// Implementation note: a host costs a third of a core-second or more to start and stop (Kestrel, an Orleans silo that forces
/// two full collections, a copy of the seeded store), more than most refusal tests cost themselves, and a class of them ran
/// fifty. xunit runs the tests of a class one at a time and gives each class a fixture of its own, so a shared host serves one
/// test at a time and never two classes. A class shares only where that is sound: each test writes under subjects, names and
/// record ids of its own (<see cref="Unique"/>) and shows that a refusal changed nothing by comparing before and after itself;
/// a test that moves the clock, restarts the server, sets its own limits or reads what only a fresh store shows (a checkpoint
/// history, a count of everything) starts a host of its own.
/// </remarks>
public sealed class SharedHost : IAsyncLifetime
{
    private readonly Lazy<Task<ApiHost>> withPolicies = new(() => ApiHost.StartAsync(policies: true));

    private readonly Lazy<Task<ApiHost>> withoutPolicies = new(() => ApiHost.StartAsync(policies: false));

    /// <summary>The class's host with the sample policies active, or without any policy.</summary>
    internal Task<ApiHost> HostAsync(bool policies) => (policies ? withPolicies : withoutPolicies).Value;

    /// <summary>The OpenAPI check (<see cref="ApiHost.AssertDocumented"/>) of every started host.</summary>
    internal void AssertDocumented()
    {
        foreach (var host in Started())
        {
            host.AssertDocumented();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var host in Started())
        {
            await host.DisposeAsync();
        }
    }

    private IEnumerable<ApiHost> Started() =>
        new[] { withPolicies, withoutPolicies }.Where(l => l.IsValueCreated && l.Value.IsCompletedSuccessfully).Select(l => l.Value.Result);
}

/// <summary>A test class whose tests share the hosts of its <see cref="SharedHost"/>; each test ends with the OpenAPI check of the answers it got.</summary>
public abstract class SharedHostTests(SharedHost shared) : IClassFixture<SharedHost>, IDisposable
{
    public void Dispose()
    {
        shared.AssertDocumented();
        GC.SuppressFinalize(this);
    }

    /// <summary>The class's host with the sample policies active (or, when <paramref name="policies"/> is false, without any), started by the first test that asks.</summary>
    private protected Task<ApiHost> HostAsync(bool policies = true) => shared.HostAsync(policies);
}
