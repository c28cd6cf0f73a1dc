namespace Credence.Registry.Intake;

/// <summary>A refused line of a batch, as the source's intake history keeps it for download.</summary>
/// <param name="Seq">Its place in the batch's rejections (store order; keyset paging).</param>
/// <param name="Line">The line's number as the submission numbered it (NDJSON line, CSV row, index in a list).</param>
/// <param name="Record">The record key (<c>source/id</c>) when the line named one.</param>
/// <param name="Version">The version the line submitted, when known.</param>
/// <param name="Type">The problem's stable code (<c>bad-instant</c>, <c>conflict</c>, ...).</param>
/// <param name="Field">The field the problem is about (empty when the whole line).</param>
/// <param name="Message">The problem in a sentence.</param>
public sealed record RejectedLine(long Seq, int Line, string? Record, int? Version, string Type, string Field, string Message);
