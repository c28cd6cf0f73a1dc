namespace Credence.Core.Scoring;

/// <summary>
/// What holds for a subject from one instant of its <see cref="SubjectFacts.StepStarts"/> until the
/// next: the points of its facts whose type does not decay (caps applied), the lists its records
/// hold it on, and the lists a recent negative record blocks it from.
/// </summary>
/// <param name="PlainPoints">The counted points of the non-decaying facts throughout the step.</param>
/// <param name="Listed">Record-based lists the subject is on (a 64-bit set by list index).</param>
/// <param name="Blocked">Lists whose no-negative-record condition a record breaks.</param>
internal readonly record struct ScoreStep(long PlainPoints, ulong Listed, ulong Blocked);
