using System.Collections.Immutable;

namespace Credence.Core.Policies;

/// <summary>
/// When a negative record's effect may end early: after the minimum publication period for its
/// severity, once a record of one of the qualifying types shows the obligation fulfilled.
/// </summary>
public sealed record RepairRules(
    ImmutableDictionary<Severity, PolicyDuration> MinimumPeriod,
    ImmutableArray<RepairQualification> Qualifying)
{
    public static RepairRules None { get; } = new(ImmutableDictionary<Severity, PolicyDuration>.Empty, []);
}
