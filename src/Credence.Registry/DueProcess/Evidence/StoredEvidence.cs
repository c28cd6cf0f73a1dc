namespace Credence.Registry.DueProcess.Evidence;

/// <summary>
/// One evidence file of a dispute, as stored beside it (its bytes are read apart, by
/// <c>EvidenceContent</c>): the type its leading bytes proved, its size and SHA-256, which the
/// dispute's ledgered case step carries, so that the subject can prove which file it sent.
/// </summary>
/// <param name="DisputeId">The dispute it supports.</param>
/// <param name="Number">Its number in the dispute, from 1, in the order the files arrived.</param>
/// <param name="Name">The file's name as the subject gave it (shown, never used to decide its type).</param>
/// <param name="MediaType"><c>application/pdf</c>, <c>image/jpeg</c> or <c>image/png</c>, from the file's bytes.</param>
/// <param name="Size">Its length in bytes.</param>
/// <param name="Sha256">The SHA-256 of its bytes, lowercase hexadecimal.</param>
/// <param name="AddedAt">When it was stored (the unit of work's instant).</param>
/// <param name="AddedBy">The principal that sent it (the subject's key).</param>
public sealed record StoredEvidence(
    string DisputeId,
    int Number,
    string Name,
    string MediaType,
    long Size,
    string Sha256,
    DateTimeOffset AddedAt,
    string AddedBy)
{
    /// <summary>The file name a download offers: the subject's name for it, with the extension of the type its bytes proved.</summary>
    public string DownloadName
    {
        get
        {
            var stem = Path.GetFileNameWithoutExtension(Name);
            return (string.IsNullOrWhiteSpace(stem) ? "evidence-" + Number : stem) + EvidenceRules.ExtensionOf(MediaType);
        }
    }
}
