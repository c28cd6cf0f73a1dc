using System.Collections.Immutable;

namespace Credence.Core.Fairness;

/// <summary>One adverse outcome across the cohorts of one dimension.</summary>
/// <param name="Outcome">The outcome's id (<see cref="AdverseOutcome.Id"/>).</param>
/// <param name="Reference">The most favoured cohort's key (lowest adverse rate among the known cohorts large enough; ties to the larger); null when no cohort has anyone the outcome applies to.</param>
/// <param name="ReferenceSmall">True when no known cohort was large enough and the reference is a small one: nothing is flagged.</param>
public sealed record OutcomeDisparity(string Outcome, string? Reference, bool ReferenceSmall, ImmutableArray<CohortRate> Cohorts);
