namespace Credence.Registry.DueProcess;

/// <summary>An entry of the reviewers' queue: an appeal against a refused repair, with the refusal it is about.</summary>
public sealed record ReviewItem(StoredAppeal Appeal, RepairApplication Refusal);
