namespace Credence.Core.Records;

/// <summary>An open dispute on a record, as the scorer needs it: which record, and since when.</summary>
public sealed record RecordDispute(RecordKey Record, DateTimeOffset OpenedAt);
