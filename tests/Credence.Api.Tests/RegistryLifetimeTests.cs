using System.Runtime.CompilerServices;
using Credence.App.Http;

namespace Credence.Api.Tests;

/// <summary>
/// A registry that stopped leaves nothing behind that keeps it alive: no timer, listener or limiter still
/// holding its services (and its Orleans silo, whose own timers would go on running). A production process
/// hosts one registry for its life; a test process hosts hundreds, and each one kept made the next slower.
/// </summary>
public class RegistryLifetimeTests
{
    [Fact]
    public async Task A_stopped_registry_with_every_limit_in_use_is_collected()
    {
        var first = await StartUseAndStopAsync();

        // A second registry started and stopped after it: whatever the last registry of a process leaves in
        // a static field (Orleans keeps a few) is that one's, not the first one's.
        await StartUseAndStopAsync();

        for (var attempt = 0; attempt < 50 && first.IsAlive; attempt++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            await Task.Delay(100);
        }

        Assert.False(first.IsAlive, "the stopped registry's services are still reachable: something it started outlives it");
    }

    /// <summary>Starts a registry with both abuse limits on, asks a limited and an authenticated route, stops it; a weak reference to its services.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> StartUseAndStopAsync()
    {
        var host = await ApiHost.StartAsync(policies: false, limits: new ApiRateLimits { PublicPermitLimit = 100, AuthFailureLimit = 100 });
        var services = new WeakReference(host.Server.App.Services);
        (await host.Client.GetAsync("/healthz/live")).EnsureSuccessStatusCode();
        using var wrong = await host.SendAsync(HttpMethod.Get, "/v1/principals", "not-a-key");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, wrong.StatusCode);
        await host.DisposeAsync();
        return services;
    }
}
