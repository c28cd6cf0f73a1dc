using Credence.Core.Records;

namespace Credence.Core.Explanations;

/// <summary>A negative record that stops counting at <paramref name="At"/>, giving back <paramref name="PointsRestored"/>.</summary>
public sealed record Expiry(RecordKey Record, string Type, DateTimeOffset At, int PointsRestored);
