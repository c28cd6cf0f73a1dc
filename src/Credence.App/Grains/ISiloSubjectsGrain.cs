using Orleans;

namespace Credence.App.Grains;

/// <summary>
/// A silo's subject grains, as one grain keyed by the silo's address (<see cref="SiloAddress.ToParsableString"/>)
/// and placed on that silo (<see cref="SiloKeyPlacement"/>): how a write tells another silo which subjects changed.
/// </summary>
internal interface ISiloSubjectsGrain : IGrainWithStringKey
{
    /// <summary>Marks stale the files of those of <paramref name="subjects"/> whose grain is active on this silo; returns once marked.</summary>
    Task Forget(string[] subjects);
}
