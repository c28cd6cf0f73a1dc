using Credence.Core.Records;

namespace Credence.Core.Explanations;

/// <summary>
/// A record version in the file that does not count now, and why: <c>expired</c>, <c>superseded</c>,
/// <c>withdrawn</c>, <c>disputed</c>, <c>repaired</c>, <c>not-yet-effective</c>, <c>unknown-type</c>,
/// <c>missing-legal-basis</c> or <c>area-mismatch</c>.
/// </summary>
public sealed record InactiveRecord(RecordKey Record, int Version, string Type, string Reason, string Detail);
