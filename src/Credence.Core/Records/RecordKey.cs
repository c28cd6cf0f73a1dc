namespace Credence.Core.Records;

/// <summary>
/// The identity of a record across its versions: the source that reported it and the source's own id.
/// The same key twice is the same record (idempotent intake).
/// </summary>
public readonly record struct RecordKey(string Source, string SourceRecordId)
{
    /// <inheritdoc />
    public override string ToString() => $"{Source}/{SourceRecordId}";
}
