using Credence.Core.Records;

namespace Credence.Registry.Storage;

/// <summary>
/// One record version as a store reads it, its texts still the store's UTF-8 bytes (valid only until
/// the store moves to its next row): what <see cref="PackedRecords"/> keeps without making a string.
/// </summary>
internal readonly ref struct RecordVersionText
{
    public required ReadOnlySpan<byte> Source { get; init; }

    public required ReadOnlySpan<byte> SourceRecordId { get; init; }

    public required int Version { get; init; }

    public required RecordAction Action { get; init; }

    public required ReadOnlySpan<byte> Type { get; init; }

    public required Area Area { get; init; }

    /// <summary>UTC ticks.</summary>
    public required long OccurredAt { get; init; }

    /// <summary>UTC ticks.</summary>
    public required long ReportedAt { get; init; }

    /// <summary>The legal basis; read only when <see cref="HasLegalBasis"/> (an empty text is not a missing one).</summary>
    public ReadOnlySpan<byte> LegalBasis { get; init; }

    public bool HasLegalBasis { get; init; }

    public decimal? Quantity { get; init; }

    /// <summary>The note; read only when <see cref="HasNote"/>.</summary>
    public ReadOnlySpan<byte> Note { get; init; }

    public bool HasNote { get; init; }
}
