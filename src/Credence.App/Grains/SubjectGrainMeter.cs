using System.Diagnostics.Metrics;
using Credence.Registry.Telemetry;
using Microsoft.Extensions.Hosting;

namespace Credence.App.Grains;

/// <summary>
/// The silo's subject grains as metrics, on the registry's meter (exported at <c>/metrics</c>):
/// <c>credence.subject_grains.active</c> (grains active on this silo now), <c>credence.subject_grains.budget</c>
/// (<see cref="SubjectBudget.Budget"/>) and <c>credence.subject_grains.evicted</c> (grains the budget asked to leave).
/// </summary>
/// <remarks>
/// Implementation note: made through the host's <see cref="IMeterFactory"/>, so the instruments (and the
/// <see cref="ActiveSubjects"/> their callbacks read) go with the host when it is disposed; a static meter would
/// keep every stopped registry's silo reachable.
/// </remarks>
internal sealed class SubjectGrainMeter(IMeterFactory meters, ActiveSubjects active) : IHostedService
{
    private Meter? meter;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        meter = meters.Create(RegistryTelemetry.Name);
        meter.CreateObservableGauge("credence.subject_grains.active", () => active.Count, "{grain}", "Subject grains active on this silo (those asked to leave included until they left).");
        meter.CreateObservableGauge("credence.subject_grains.budget", () => active.Budget.Budget, "{grain}", "The most subject grains this silo keeps active (Credence:SubjectGrains:Budget).");
        meter.CreateObservableCounter("credence.subject_grains.evicted", () => active.Budget.Evictions, "{grain}", "Subject grains this silo's budget asked to leave, the least recently used first.");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
