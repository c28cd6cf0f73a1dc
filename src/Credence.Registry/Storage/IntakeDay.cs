namespace Credence.Registry.Storage;

/// <summary>The lines a source submitted in the batches taken in on one UTC day, by fate.</summary>
public sealed record IntakeDay(string Source, DateOnly Day, long Accepted, long Duplicates, long Rejected);
