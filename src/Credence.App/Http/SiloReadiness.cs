using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace Credence.App.Http;

/// <summary>
/// Ready when the registry's Orleans silo is an active member of its cluster (alone, or with the silos
/// that share the store): one that is joining, shutting down or was declared dead must not be sent requests.
/// </summary>
internal sealed class SiloReadiness(ISiloStatusOracle silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = silo.CurrentStatus;
        if (status != SiloStatus.Active)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"the silo {silo.SiloAddress} is {status.ToString().ToLowerInvariant()}, not active"));
        }

        var active = silo.GetApproximateSiloStatuses(onlyActive: true).Count;
        return Task.FromResult(HealthCheckResult.Healthy(
            $"the silo {silo.SiloAddress} is active; {active} active in the cluster",
            new Dictionary<string, object> { ["silo"] = silo.SiloAddress.ToString(), ["activeSilos"] = active }));
    }
}
