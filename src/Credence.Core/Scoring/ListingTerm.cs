namespace Credence.Core.Scoring;

/// <summary>
/// Since when and until when a subject is on one list at an instant, as the explanation states it.
/// Both are null for a list that does not rest on records (a grade-based list has no term).
/// </summary>
/// <param name="List">Index of the list in the policy's lists.</param>
/// <param name="Since">When the earliest record holding the subject on the list became known.</param>
/// <param name="Until">When the last record holding the subject on the list stops holding it, if nothing changes.</param>
public readonly record struct ListingTerm(int List, DateTimeOffset? Since, DateTimeOffset? Until);
