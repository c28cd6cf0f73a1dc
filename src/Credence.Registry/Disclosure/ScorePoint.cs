using System.Collections.Immutable;
using System.Text.Json.Serialization;
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
    ImmutableArray<string> Lists)
{
    /// <summary>The same causes as data, for pages that say them in the reader's language (not in the disclosure's JSON, whose <see cref="Cause"/> says them).</summary>
    [JsonIgnore]
    public ImmutableArray<ScoreCause> Causes { get; init; } = [];

    /// <summary>The records that began to count at this step (compared with the previous step).</summary>
    [JsonIgnore]
    public ImmutableArray<CountedRecord> Started { get; init; } = [];

    /// <summary>The records that stopped counting at this step (compared with the previous step).</summary>
    [JsonIgnore]
    public ImmutableArray<CountedRecord> Stopped { get; init; } = [];

    /// <summary>Every record counting from this step on.</summary>
    [JsonIgnore]
    public ImmutableArray<CountedRecord> Counting { get; init; } = [];
}
