namespace Credence.Core.Policies;

/// <summary>What sets a measure off: membership of a list, or a grade at least or at most a band.</summary>
public sealed record MeasureTrigger(string? List, string? GradeAtLeast, string? GradeAtMost);
