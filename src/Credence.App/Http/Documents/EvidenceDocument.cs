using Credence.Registry.DueProcess.Evidence;

namespace Credence.App.Http.Documents;

/// <summary>One evidence file of a dispute: its type from its bytes, size, SHA-256 (as in the dispute's ledgered step) and where to download it.</summary>
internal sealed record EvidenceDocument(
    string DisputeId,
    int Number,
    string Name,
    string MediaType,
    long Size,
    string Sha256,
    DateTimeOffset AddedAt,
    string AddedBy,
    string Download)
{
    public static EvidenceDocument From(StoredEvidence e) =>
        new(e.DisputeId, e.Number, e.Name, e.MediaType, e.Size, e.Sha256, e.AddedAt, e.AddedBy,
            FormattableString.Invariant($"/v1/disputes/{Uri.EscapeDataString(e.DisputeId)}/evidence/{e.Number}"));
}
