using Credence.Ledger.Hashing;
using Credence.Registry.Ledger;

namespace Credence.App.Http;

/// <summary>A stored checkpoint on the wire: its size and root, the signed note and the key that verifies it.</summary>
internal sealed record CheckpointDocument(long Id, string Origin, long Size, string Root, string Note, DateTimeOffset SignedAt, string VerifierKey);

/// <summary>A proof on the wire: the sizes (or index and size) it relates and its path of base64 hashes.</summary>
internal sealed record ProofDocument(long From, long To, List<string> Path);

/// <summary>A ledger entry on the wire: its canonical bytes (base64), leaf hash and parsed fields.</summary>
internal sealed record EntryDocument(long Index, string Kind, DateTimeOffset At, string Actor, string Action, string PolicyTag, string SubjectCommitment, string ContentDigest, string Bytes, string LeafHash);

/// <summary>
/// A receipt not ready yet (202): no signed checkpoint covers the entry; the registry signs the next at
/// <paramref name="RetryAt"/> (also in the Retry-After header, in seconds).
/// </summary>
internal sealed record PendingReceiptDocument(long Index, string Status, long CheckpointSize, DateTimeOffset RetryAt, long RetryAfterSeconds, string Detail);

/// <summary>Builds the ledger's wire documents.</summary>
internal static class LedgerDocuments
{
    public static CheckpointDocument Checkpoint(StoredCheckpoint c, LedgerService ledger) =>
        new(c.Id, ledger.Origin, c.Size, Convert.ToBase64String(c.Root), c.Note, c.SignedAt, ledger.VerifierKey.Encoded);

    public static PendingReceiptDocument Pending(ReceiptAnswer answer) =>
        new(answer.Index, "pending", answer.CoveredSize, answer.ComeBackAt!.Value, answer.RetryAfterSeconds,
            string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"entry {answer.Index} is newer than the newest signed checkpoint (size {answer.CoveredSize}); the registry signs the next at {answer.ComeBackAt.Value:yyyy-MM-dd'T'HH:mm:ss'Z'}: ask again then, in {answer.RetryAfterSeconds} s"));

    public static EntryDocument Entry(StoredLedgerEntry stored)
    {
        var e = stored.Entry;
        return new EntryDocument(stored.Index, Kind(e.Kind), e.At, e.Actor, e.Action, e.PolicyTag,
            Convert.ToBase64String(e.SubjectCommitment.Span), Convert.ToBase64String(e.ContentDigest.Span),
            Convert.ToBase64String(stored.Bytes), MerkleHasher.LeafHash(stored.Bytes).ToBase64());
    }

    private static string Kind(EntryKind kind) => kind switch
    {
        EntryKind.RecordVersion => "record-version",
        EntryKind.Decision => "decision",
        EntryKind.CaseStep => "case-step",
        _ => "access-event",
    };
}
