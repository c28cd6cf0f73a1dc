using Credence.Registry.Ledger;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Credence.App.Http;

/// <summary>Ready when the ledger's head can be read and its checkpoints can be signed (the operator's key is loaded).</summary>
internal sealed class LedgerReadiness(LedgerService ledger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(StoreReadiness.Within);
        try
        {
            var size = await ledger.SizeAsync(limit.Token).WaitAsync(StoreReadiness.Within, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"{size} entries; checkpoints signed by {ledger.VerifierKey.Name}");
        }
        catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return HealthCheckResult.Unhealthy($"the ledger did not answer within {StoreReadiness.Within.TotalSeconds:0} s");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("the ledger does not answer: " + e.GetType().Name);
        }
    }
}
