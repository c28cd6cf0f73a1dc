using System.Collections.Immutable;
using Credence.Core.Records;

namespace Credence.Core.Policies;

/// <summary>
/// A reward or restriction on a named capability (e.g. <c>rail.g-train.ticket</c>) that relying
/// parties ask about. A capability with a grant measure is allowed only when a grant triggers;
/// any capability is denied when a restriction triggers.
/// </summary>
public sealed record Measure(
    string Id,
    string Name,
    string? Description,
    MeasureEffect Effect,
    string Capability,
    MeasureTrigger Trigger,
    ImmutableArray<Area> RelatesToAreas,
    ImmutableArray<Matter> RelatesToMatters);
