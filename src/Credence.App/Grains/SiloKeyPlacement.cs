using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace Credence.App.Grains;

/// <summary>Places a grain on the silo its string key names (a <see cref="SiloAddress"/>'s parsable form).</summary>
/// <remarks>
/// Implementation note: a grain per silo with a placement of our own, Orleans' documented extension point
/// (<see cref="IPlacementDirector"/>), rather than a system target or a grain service: those are built for
/// the runtime's own services (their construction and addressing are internal), while an ordinary grain
/// keeps ordinary serialization, call filters and collection when idle, and is found by its key.
/// </remarks>
[Serializable]
internal sealed class SiloKeyPlacement : PlacementStrategy
{
    public static readonly SiloKeyPlacement Instance = new();
}

/// <summary>Marks a grain class for <see cref="SiloKeyPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
internal sealed class SiloKeyPlacementAttribute() : PlacementAttribute(SiloKeyPlacement.Instance);

/// <summary>Places a <see cref="SiloKeyPlacement"/> grain on the silo its key names, if that silo is in the cluster.</summary>
internal sealed class SiloKeyPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silo = SiloAddress.FromParsableString(target.GrainIdentity.Key.ToString()!);
        return context.GetCompatibleSilos(target).Contains(silo)
            ? Task.FromResult(silo)
            : throw new OrleansException($"silo {silo} is not an active silo of the cluster");
    }
}
