namespace Credence.Portal.Components.Charts;

/// <summary>One step of a <see cref="StepChart"/>: from <paramref name="At"/> the value is <paramref name="Value"/> (null: none, e.g. not scored) until the next step.</summary>
/// <param name="Note">A short word shown with the value (a grade).</param>
/// <param name="Cause">Why the step happened, in the reader's language.</param>
public sealed record ChartStep(DateTimeOffset At, int? Value, string? Note, string Cause);
