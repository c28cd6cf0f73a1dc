using Credence.Registry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Credence.App.Http;

/// <summary>
/// Runs the registry's due-process scheduler inside <c>credence serve</c>: it acts on what is due,
/// then sleeps on the registry's clock until the next due instant, a write that may bring one
/// forward, or a minute. Stopping the server cancels the sleep before the writer is drained.
/// </summary>
internal sealed class DueProcessHost(CredenceRegistry registry, ILogger<DueProcessHost> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        registry.Scheduler.RunAsync(e => ApiLog.SchedulerFailed(logger, e), stoppingToken);
}
