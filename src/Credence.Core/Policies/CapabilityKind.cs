namespace Credence.Core.Policies;

/// <summary>
/// The two kinds of capability (promise 4 of shared/DESIGN.md). An entitlement is something everyone
/// has unless a restriction resting on adjudicated records triggers; a benefit is a reward only a
/// grant gives. A grant never gates an entitlement, so a reward cannot be turned into a restriction.
/// </summary>
public enum CapabilityKind
{
    /// <summary>Travel, tickets, schooling, housing, work, public services: allowed unless a restriction triggers.</summary>
    Entitlement = 1,

    /// <summary>A reward such as deposit-free rental or a fast-track lane: allowed only when a grant triggers.</summary>
    Benefit = 2,
}
