using System.Diagnostics.Metrics;
using Credence.Registry;
using Credence.Registry.Ledger;
using Credence.Registry.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Credence.App.Http;

/// <summary>
/// The registry's state as gauges, on the meter <see cref="RegistryTelemetry.Name"/>: the newest
/// checkpoint's age, disputes open and escalated to a reviewer, and the scheduler's lag (how long the
/// earliest due transition has waited past its instant). They are read from the store every
/// <see cref="Every"/> on the registry's clock and at start, never by the scrape itself.
/// </summary>
/// <remarks>
/// Implementation note: a gauge's callback runs on the exporter's thread when it collects; a store
/// read there would make a scrape wait on the database (or the writer), so the callbacks only return
/// the last snapshot. "Disputes overdue" is the scheduler's lag: the scheduler resolves an unanswered
/// dispute for its subject at the very instant its deadline passes, so an open dispute past its deadline
/// exists exactly while the scheduler lags, and the lag says by how long.
/// </remarks>
internal sealed class RegistryGauges : BackgroundService
{
    /// <summary>How often the snapshot is read.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(15);

    private readonly CredenceRegistry registry;
    private readonly LedgerService ledger;
    private readonly ILogger<RegistryGauges> logger;
    private readonly Meter meter;
    private volatile Snapshot? last;

    public RegistryGauges(CredenceRegistry registry, LedgerService ledger, IMeterFactory meters, ILogger<RegistryGauges> logger)
    {
        this.registry = registry;
        this.ledger = ledger;
        this.logger = logger;
        meter = meters.Create(RegistryTelemetry.Name);
        meter.CreateObservableGauge("credence.ledger.checkpoint.age", () => Measure(s => s.CheckpointAge), "s", "Age of the newest signed checkpoint.");
        meter.CreateObservableGauge("credence.disputes.open", () => Measure(s => s.DisputesOpen), "{dispute}", "Disputes waiting for their source's answer.");
        meter.CreateObservableGauge("credence.disputes.escalated", () => Measure(s => s.DisputesEscalated), "{dispute}", "Disputes escalated to a reviewer and not yet decided (counted up to 10,000).");
        meter.CreateObservableGauge("credence.scheduler.lag", () => Measure(s => s.SchedulerLag), "s", "How long the earliest due transition has waited past its instant (0 when none has).");
    }

    /// <summary>Reads the snapshot now (the loop does every <see cref="Every"/>; the API tests call it at the instants they choose).</summary>
    internal async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var now = registry.Clock.GetUtcNow();
        var checkpoint = await ledger.NewestAsync(cancellationToken).ConfigureAwait(false);
        var counts = await registry.Store.ReadAsync(r => (r.Counts(now).DueProcess.DisputesOpen, (long)r.EscalatedDisputes(10_000).Count, r.NextReviewAt()), cancellationToken).ConfigureAwait(false);
        last = new Snapshot(
            checkpoint.IsOk ? Math.Max(0, (now - checkpoint.Value.SignedAt).TotalSeconds) : null,
            counts.Item1,
            counts.Item2,
            counts.Item3 is { } due && due < now ? (now - due).TotalSeconds : 0);
    }

    /// <summary>Reads the first snapshot before the server takes requests, so the gauges are there from the first scrape.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await TryRefreshAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        meter.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Every, registry.Clock, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await TryRefreshAsync(stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task TryRefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A gauge never stops the registry: the readiness check reports a store that does not answer.
            ApiLog.GaugesFailed(logger, e);
        }
    }

    private IEnumerable<Measurement<double>> Measure(Func<Snapshot, double?> value) =>
        last is { } s && value(s) is { } v ? [new Measurement<double>(v)] : [];

    private sealed record Snapshot(double? CheckpointAge, double DisputesOpen, double DisputesEscalated, double SchedulerLag);
}
