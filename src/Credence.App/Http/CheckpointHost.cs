using Credence.Registry.Ledger;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Credence.App.Http;

/// <summary>
/// Runs the ledger's checkpoint schedule inside <c>credence serve</c>: a checkpoint at start when the
/// ledger grew since the newest (awaited, so the server takes no request before it), then one every
/// interval when the ledger grew, on the registry's clock, and a last one at a graceful stop when the
/// ledger grew since.
/// </summary>
/// <remarks>
/// Implementation note: it is registered before the due-process host, so it stops after it (hosted
/// services stop in reverse order, after Kestrel has finished its requests): nothing the registry
/// writes while stopping comes after the last checkpoint.
/// </remarks>
internal sealed class CheckpointHost(LedgerService ledger, Credence.Registry.CredenceRegistry registry, ILogger<CheckpointHost> logger) : BackgroundService
{
    private readonly CheckpointSchedule schedule = new(ledger, registry.Clock);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await schedule.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The registry serves anyway; the schedule's next run signs.
            LedgerKeys.SigningFailed(logger, e);
        }

        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await schedule.StopAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The next start signs what this stop could not.
            LedgerKeys.SigningFailed(logger, e);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        schedule.RunAsync(e => LedgerKeys.SigningFailed(logger, e), stoppingToken);
}
