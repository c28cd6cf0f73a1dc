namespace Credence.Registry.Intake;

/// <summary>
/// One submission as its source's intake history holds it: when it was taken in, how many lines it
/// had and what became of them. A submission streamed in chunks is one batch, its counts summed.
/// </summary>
/// <param name="Id">The batch's id (a time-ordered GUID).</param>
/// <param name="Source">The source that submitted it.</param>
/// <param name="At">When its first part was stored (the unit of work's instant).</param>
/// <param name="LastAt">When its last part was stored (the same as <paramref name="At"/> for a batch of one part).</param>
/// <param name="Lines">Lines submitted.</param>
/// <param name="Accepted">Lines stored as new record versions.</param>
/// <param name="Duplicates">Lines that repeated a stored version: nothing changed.</param>
/// <param name="Rejected">Lines refused, each kept with its reason (<see cref="RejectedLine"/>).</param>
public sealed record IntakeBatch(string Id, string Source, DateTimeOffset At, DateTimeOffset LastAt, long Lines, long Accepted, long Duplicates, long Rejected);
