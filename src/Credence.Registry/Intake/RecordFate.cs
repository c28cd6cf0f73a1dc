using Credence.Core.Intake;

namespace Credence.Registry.Intake;

/// <summary>The fate of one line of a submission.</summary>
/// <param name="Line">1-based line number in the submitted body (NDJSON line, CSV row) or index in the list.</param>
/// <param name="Fate">Accepted, duplicate or rejected.</param>
/// <param name="Record">The record key (<c>source/id</c>) when the line named one.</param>
/// <param name="Version">The version the line submitted, when known.</param>
/// <param name="Problem">Why it was rejected.</param>
public sealed record RecordFate(int Line, FateKind Fate, string? Record, int? Version, IntakeProblem? Problem);
