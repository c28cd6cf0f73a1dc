namespace Credence.Core.Records;

/// <summary>A granted repair: the record's effect ends at <see cref="EffectiveAt"/> instead of its natural expiry.</summary>
public sealed record RecordRepair(RecordKey Record, DateTimeOffset EffectiveAt);
