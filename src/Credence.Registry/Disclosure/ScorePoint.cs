using System.Collections.Immutable;
using Credence.Core.Scoring;

namespace Credence.Registry.Disclosure;

/// <summary>
/// One step of a subject's score history: from <see cref="At"/> until the next step, the subject's
/// outcome was this, under this policy version, because of <see cref="Cause"/>.
/// </summary>
/// <param name="Cause">What changed at that instant: a record version reported, consent given or withdrawn, a policy in force, a dispute opened, reaching its deadline or closed, a repair taking effect, or an effect or term ending.</param>
public sealed record ScorePoint(
    DateTimeOffset At,
    string Cause,
    string PolicyVersion,
    ScoreStatus Status,
    int? Score,
    string? Grade,
    ImmutableArray<string> Lists);
