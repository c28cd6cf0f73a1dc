using Credence.Registry;
using Orleans;
using Orleans.Runtime;

namespace Credence.App.Grains;

/// <summary>
/// Makes every write that changes a subject's file tell every silo holding the subject's grain to forget it,
/// before the write is acknowledged (<see cref="Registry.Subjects.SubjectChanges"/>, <see cref="SubjectForgetting"/>).
/// </summary>
/// <remarks>
/// Implementation note: the listener is set before any of the host's services starts (Kestrel included)
/// and never removed, so no write of this registry goes untold: one made while the silo is not a member of
/// the cluster fails its telling, and with it its answer (committed, not acknowledged; a retry is told
/// again), rather than leave another silo's grain answering from the file as it was.
/// </remarks>
internal sealed class SubjectChangeListener(CredenceRegistry registry, IGrainFactory grains, ActiveSubjects active, IClusterMembershipService membership, ILocalSiloDetails local) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        var forgetting = new SubjectForgetting(active, () => membership.CurrentSnapshot, local.SiloAddress,
            (silo, subjects) => grains.GetGrain<ISiloSubjectsGrain>(silo.ToParsableString()).Forget(subjects));
        registry.Changes.Listen((subjects, _) => forgetting.ForgetAsync(subjects));
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
