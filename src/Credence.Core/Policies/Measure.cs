using System.Collections.Immutable;
using Credence.Core.Records;

namespace Credence.Core.Policies;

/// <summary>
/// A reward or restriction on a named capability (e.g. <c>rail.g-train.ticket</c>) that relying
/// parties ask about. A grant may only give a benefit and a restriction may only withhold an
/// entitlement (<see cref="CapabilityKind"/>): a benefit is allowed only when a grant triggers; an
/// entitlement is denied when a restriction triggers.
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
