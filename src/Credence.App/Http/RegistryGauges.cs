using System.Collections.Concurrent;
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
/// Implementation note: the gauges belong to one static meter and report every registry the process
/// serves, each labelled with its ledger's origin (public: it names the checkpoints): a meter per
/// server would give the exporter two instruments of one name whenever two servers share a process
/// (the API tests), and it keeps only the first.
/// <para>
/// Implementation note: a gauge's callback runs on the exporter's thread when it collects; a store
/// read there would make a scrape wait on the database (or the writer), so the callbacks only return
/// the last snapshot. "Disputes overdue" is the scheduler's lag: the scheduler resolves an unanswered
/// dispute for its subject at the very instant its deadline passes, so an open dispute past its deadline
/// exists exactly while the scheduler lags, and the lag says by how long.
/// </para>
/// </remarks>
internal sealed class RegistryGauges : BackgroundService
{
    /// <summary>How often the snapshot is read.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(15);

    private static readonly Meter Meter = new(RegistryTelemetry.Name, "1.0");

    private static readonly ConcurrentDictionary<RegistryGauges, byte> Live = new();

    private readonly CredenceRegistry registry;
    private readonly LedgerService ledger;
    private readonly ILogger<RegistryGauges> logger;
    private volatile Snapshot? last;

    static RegistryGauges()
    {
        Meter.CreateObservableGauge("credence.ledger.checkpoint.age", () => Measure(s => s.CheckpointAge), "s", "Age of the newest signed checkpoint.");
        Meter.CreateObservableGauge("credence.disputes.open", () => Measure(s => s.DisputesOpen), "{dispute}", "Disputes waiting for their source's answer.");
        Meter.CreateObservableGauge("credence.disputes.escalated", () => Measure(s => s.DisputesEscalated), "{dispute}", "Disputes escalated to a reviewer and not yet decided (counted up to 10,000).");
        Meter.CreateObservableGauge("credence.scheduler.lag", () => Measure(s => s.SchedulerLag), "s", "How long the earliest due transition has waited past its instant (0 when none has).");
    }

    public RegistryGauges(CredenceRegistry registry, LedgerService ledger, ILogger<RegistryGauges> logger)
    {
        this.registry = registry;
        this.ledger = ledger;
        this.logger = logger;
        Live[this] = 0;
    }

    /// <summary>Reads the snapshot now (the loop does every <see cref="Every"/>; the API tests call it at the instants they choose).</summary>
    internal async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var now = registry.Clock.GetUtcNow();
        var checkpoint = await ledger.NewestAsync(cancellationToken).ConfigureAwait(false);
        var (open, escalated, due) = await registry.Store.ReadAsync(r => (r.Counts(now).DueProcess.DisputesOpen, (long)r.EscalatedDisputes(10_000).Count, r.NextReviewAt()), cancellationToken).ConfigureAwait(false);
        last = new Snapshot(
            checkpoint.IsOk ? Math.Max(0, (now - checkpoint.Value.SignedAt).TotalSeconds) : null,
            open,
            escalated,
            due is { } at && at < now ? (now - at).TotalSeconds : 0);
    }

    /// <summary>Reads the first snapshot before the server takes requests, so the gauges are there from the first scrape.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await TryRefreshAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        Live.TryRemove(this, out _);
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

    /// <summary>One measurement for each registry this process serves (one, but for tests), labelled with its ledger's origin.</summary>
    private static IEnumerable<Measurement<double>> Measure(Func<Snapshot, double?> value) =>
        from gauges in Live.Keys
        let s = gauges.last
        where s is not null && value(s) is not null
        select new Measurement<double>(value(s)!.Value, new KeyValuePair<string, object?>("registry", gauges.ledger.Origin));

    private sealed record Snapshot(double? CheckpointAge, double DisputesOpen, double DisputesEscalated, double SchedulerLag);
}
