using Credence.Core.Records;

namespace Credence.Registry.Storage;

/// <summary>One version of one record: what idempotency and the correction chain look up.</summary>
public readonly record struct RecordVersionKey(RecordKey Key, int Version);
