using Credence.Core.Scoring;

namespace Credence.Core.Explanations;

/// <summary>
/// When each better grade is reached by expiries alone, worked out once per grade for one
/// assessment: the next grade, and the grades that grants and lists need, often ask for the same one.
/// </summary>
internal sealed class GradeReach(SubjectFacts subject, long t, bool consent)
{
    private readonly Dictionary<int, DateTimeOffset?> known = [];

    /// <summary>The first instant grade index <paramref name="target"/> (or better) is reached without a new record; null when it is not.</summary>
    public DateTimeOffset? At(int target)
    {
        if (!known.TryGetValue(target, out var at))
        {
            known[target] = at = PathFinder.ReachedAt(subject, t, consent, target);
        }

        return at;
    }
}
