using Credence.Core.Explanations;
using System.Collections.Immutable;

namespace Credence.Core.Simulation;

/// <summary>Counts of one week of a replay as subjects are added (thread-safe: one lock per week).</summary>
public sealed class ReplayTally
{
    private readonly Dictionary<string, int> draftGrades = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> draftLists = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> grades = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> lists = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private int subjects;

    /// <summary>Adds one subject's outcomes under the draft and under the policy in force.</summary>
    public void Add(SubjectOutcome draft, SubjectOutcome inForce)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(inForce);
        lock (gate)
        {
            subjects++;
            Count(draftGrades, draft.Grade ?? SimulationReport.NoGrade);
            Count(grades, inForce.Grade ?? SimulationReport.NoGrade);
            foreach (var l in draft.Lists)
            {
                Count(draftLists, l);
            }

            foreach (var l in inForce.Lists)
            {
                Count(lists, l);
            }
        }
    }

    /// <summary>The week's counts.</summary>
    public ReplayWeek ToWeek(DateTimeOffset at, string? inForce)
    {
        lock (gate)
        {
            return new ReplayWeek(SimulationComparer.Instant(at), subjects, inForce,
                draftGrades.ToImmutableSortedDictionary(StringComparer.Ordinal), draftLists.ToImmutableSortedDictionary(StringComparer.Ordinal),
                grades.ToImmutableSortedDictionary(StringComparer.Ordinal), lists.ToImmutableSortedDictionary(StringComparer.Ordinal));
        }
    }

    private static void Count(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
}
