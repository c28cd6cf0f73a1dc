using System.Collections.Immutable;
using Credence.Core.Identifiers;
using Credence.Core.Scoring;

namespace Credence.Core.Fairness;

/// <summary>
/// One subject's outcome under one policy at one instant, as the fairness report (and a policy
/// simulation) reads it: nothing about the subject beyond its identifier and what the policy gave it.
/// </summary>
/// <param name="Subject">The subject; its cohorts are read from the identifier alone (<see cref="Cohorts"/>).</param>
/// <param name="Status">Whether the subject was scored; subjects under the minimum age or not covered are outside the report's population.</param>
/// <param name="Score">The score, when scored.</param>
/// <param name="Grade">The grade, when scored.</param>
/// <param name="Lists">The ids of the lists the subject is on.</param>
/// <param name="Triggered">The ids of the policy's measures that are triggered for the subject.</param>
/// <param name="RecordTypes">The record types of the subject's records that count at the instant, each once, ordinal order.</param>
public sealed record SubjectOutcome(
    SubjectId Subject,
    ScoreStatus Status,
    int? Score,
    string? Grade,
    ImmutableArray<string> Lists,
    ImmutableArray<string> Triggered,
    ImmutableArray<string> RecordTypes)
{
    /// <summary>Whether the subject is in the report's population: scored, or unscored only for want of consent.</summary>
    public bool InScope => Status is ScoreStatus.Scored or ScoreStatus.NoConsent;
}
