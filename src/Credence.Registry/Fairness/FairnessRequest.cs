namespace Credence.Registry.Fairness;

/// <summary>What an operator or auditor asks of the fairness report.</summary>
/// <param name="AsOf">The instant; now when null. Not after now: the registry does not know the future's records.</param>
/// <param name="GradeAtOrBelow">The grade outcome's grade, exactly as a policy in force writes it; each policy's lowest grade when null.</param>
/// <param name="MinCohort">The smallest cohort judged (0 or more); <see cref="Core.Fairness.FairnessOptions.DefaultMinCohort"/> when null.</param>
/// <param name="Seed">The bootstrap's seed; <see cref="Core.Fairness.FairnessOptions.DefaultSeed"/> when null.</param>
public sealed record FairnessRequest(DateTimeOffset? AsOf = null, string? GradeAtOrBelow = null, int? MinCohort = null, ulong? Seed = null);
