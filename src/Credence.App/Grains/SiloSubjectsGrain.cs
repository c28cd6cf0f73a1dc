using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace Credence.App.Grains;

/// <summary>Receives on its silo the subjects a write on another silo changed (<see cref="ISiloSubjectsGrain"/>).</summary>
/// <remarks>
/// Implementation note: it refuses to run anywhere but on the silo its key names, so that a placement gone
/// wrong fails the write's acknowledgement instead of marking another silo's subjects and skipping these.
/// </remarks>
[Reentrant]
[SiloKeyPlacement]
internal sealed class SiloSubjectsGrain(ActiveSubjects active, ILocalSiloDetails local) : Grain, ISiloSubjectsGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        this.GetPrimaryKeyString() == local.SiloAddress.ToParsableString()
            ? Task.CompletedTask
            : throw new InvalidOperationException($"the subjects of silo {this.GetPrimaryKeyString()} cannot be told on silo {local.SiloAddress}");

    public Task Forget(string[] subjects)
    {
        active.Forget(subjects);
        return Task.CompletedTask;
    }
}
