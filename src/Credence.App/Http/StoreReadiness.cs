using Credence.Registry;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Credence.App.Http;

/// <summary>
/// Ready when the store answers a read and the writer takes a unit of work, each within
/// <see cref="Within"/>: a registry that cannot store a decision must not be sent one.
/// </summary>
internal sealed class StoreReadiness(CredenceRegistry registry) : IHealthCheck
{
    /// <summary>How long the store has to answer before the registry is reported not ready.</summary>
    public static readonly TimeSpan Within = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Within);
        try
        {
            // WaitAsync bounds the wait even when the store cannot be interrupted (a writer blocked on a lock); the
            // token then cancels the probe's unit if it is still queued, so probes never pile up behind a stuck writer.
            var after = await registry.Store.ReadAsync(r => r.SchedulerAfter(), limit.Token).WaitAsync(Within, cancellationToken).ConfigureAwait(false);
            var now = await registry.Store.WriteAsync(w => w.Now, limit.Token).WaitAsync(Within, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"the store answers; the writer's instant is {now:O}", new Dictionary<string, object> { ["schema"] = registry.Store.SchemaVersion, ["schedulerAfter"] = after?.ToString("O") ?? "none" });
        }
        catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return HealthCheckResult.Unhealthy($"the store did not answer within {Within.TotalSeconds:0} s");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("the store does not answer: " + e.GetType().Name);
        }
    }
}
