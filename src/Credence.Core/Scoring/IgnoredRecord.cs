using Credence.Core.Records;

namespace Credence.Core.Scoring;

/// <summary>A record version the policy cannot count, and why (shown in the explanation).</summary>
/// <param name="Reason">A stable code: <c>unknown-type</c>, <c>missing-legal-basis</c> or <c>area-mismatch</c>.</param>
public sealed record IgnoredRecord(Record Record, string Reason, string Detail);
