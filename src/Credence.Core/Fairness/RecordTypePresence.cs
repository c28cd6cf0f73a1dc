namespace Credence.Core.Fairness;

/// <summary>How often a record type is present among a cohort's adversely affected subjects: what carries the cohort's rate.</summary>
/// <param name="Type">The record type.</param>
/// <param name="Affected">Subjects of the cohort with the outcome and a record of this type counting.</param>
/// <param name="ShareOfAffected">Of the cohort's adversely affected, the share with this type present.</param>
/// <param name="RateInCohort">Of the whole cohort, the share both adversely affected and with this type present.</param>
/// <param name="RateInReference">The same in the most favoured cohort.</param>
/// <param name="Carried">
/// <see cref="RateInCohort"/> less <see cref="RateInReference"/>: how much of the gap between the two
/// adverse rates goes with this type (types overlap, so these need not add up to the gap).
/// </param>
public sealed record RecordTypePresence(string Type, int Affected, double ShareOfAffected, double RateInCohort, double RateInReference, double Carried);
