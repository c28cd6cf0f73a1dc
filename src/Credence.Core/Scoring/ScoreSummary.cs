namespace Credence.Core.Scoring;

/// <summary>
/// The allocation-free result of scoring one subject: score, grade and which lists and measures
/// apply, as bit sets over the policy's lists and measures (bit i = the i-th in the policy).
/// </summary>
/// <param name="Status">Whether the subject was scored.</param>
/// <param name="Score">The score, clamped to the scale; 0 when not scored.</param>
/// <param name="GradeIndex">Index into the policy's grades (0 = highest), or -1 when not scored.</param>
/// <param name="Lists">Bit i set when the subject is on the policy's i-th list.</param>
/// <param name="Measures">Bit i set when the policy's i-th measure is triggered.</param>
public readonly record struct ScoreSummary(ScoreStatus Status, int Score, int GradeIndex, ulong Lists, ulong Measures)
{
    /// <summary>True when the subject is on list <paramref name="index"/>.</summary>
    public bool IsListed(int index) => (Lists & (1UL << index)) != 0;

    /// <summary>True when measure <paramref name="index"/> is triggered.</summary>
    public bool IsTriggered(int index) => (Measures & (1UL << index)) != 0;
}
