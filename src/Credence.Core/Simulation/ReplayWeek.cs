using System.Collections.Immutable;

namespace Credence.Core.Simulation;

/// <summary>
/// One week of a replay: at its instant, how many subjects (known by then) hold each grade and are
/// on each list under the draft, and under the policy that was in force then (null when none was).
/// </summary>
public sealed record ReplayWeek(
    string At,
    int Subjects,
    string? InForce,
    ImmutableSortedDictionary<string, int> DraftGrades,
    ImmutableSortedDictionary<string, int> DraftLists,
    ImmutableSortedDictionary<string, int> InForceGrades,
    ImmutableSortedDictionary<string, int> InForceLists);
