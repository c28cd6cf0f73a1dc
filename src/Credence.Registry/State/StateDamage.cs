using System.Collections.Immutable;

namespace Credence.Registry.State;

/// <summary>
/// A subject whose stored state (score, grade, lists, review time, listing rows, hence its public
/// list rows) differs from a fresh assessment at the state's own instant, with each difference in words.
/// </summary>
public sealed record StateDamage(string Subject, string PolicyTag, DateTimeOffset EvaluatedAt, ImmutableArray<string> Differences)
{
    /// <summary>One line: the subject, then every difference.</summary>
    public override string ToString() => $"{Subject}: {string.Join("; ", Differences)}";
}
