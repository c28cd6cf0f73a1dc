using Credence.Core.Simulation;

namespace Credence.Registry.Simulation;

/// <summary>
/// A simulation's report as a reader gets it: the report (ids masked, or unmasked for a reader who
/// stated a purpose), the digest of its canonical masked form (what a sign-off names), and the
/// per-subject outcomes under both policies for a run just made (empty for a stored report read back),
/// which the fairness report takes as they are.
/// </summary>
public sealed record SimulationRun(SimulationReport Report, string Digest, IReadOnlyList<SimulatedSubject> Subjects);
