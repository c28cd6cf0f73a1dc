namespace Credence.Registry.DueProcess.Evidence;

/// <summary>An evidence file that passed <see cref="EvidenceRules.Check"/>: its name to show, the media type its bytes proved, its bytes and their SHA-256.</summary>
public sealed record CheckedEvidence(string Name, string MediaType, ReadOnlyMemory<byte> Content, string Sha256)
{
    /// <summary>The stored form, numbered in its dispute.</summary>
    public StoredEvidence Stored(string disputeId, int number, DateTimeOffset at, string by) =>
        new(disputeId, number, Name, MediaType, Content.Length, Sha256, at, by);

    /// <summary>What the dispute's ledgered case step says of it: number, SHA-256, type, size and name.</summary>
    public string LedgerText(int number) =>
        FormattableString.Invariant($"{number} sha256:{Sha256} {MediaType} {Content.Length} bytes {Name}");
}
