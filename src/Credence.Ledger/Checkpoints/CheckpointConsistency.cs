using Credence.Ledger.Hashing;
using Credence.Ledger.Proofs;

namespace Credence.Ledger.Checkpoints;

/// <summary>Checks that a log never rewrote history between two of its signed checkpoints.</summary>
/// <remarks>
/// Implementation note: this is the auditor's check. Both notes must verify under the same key and
/// name the same origin; the older may not be larger than the newer; then the consistency proof must
/// verify between their roots (RFC 9162 section 2.1.4.2). Two checkpoints of the same size must have
/// the same root: different roots for one size are proof that the log forked.
/// </remarks>
public static class CheckpointConsistency
{
    /// <summary>Verifies <paramref name="proof"/> between two signed checkpoint notes.</summary>
    public static ConsistencyVerification Verify(
        string olderNote, string newerNote, IReadOnlyList<MerkleHash> proof, CheckpointVerifier verifier)
    {
        ArgumentNullException.ThrowIfNull(proof);
        ArgumentNullException.ThrowIfNull(verifier);
        var older = verifier.Verify(olderNote);
        if (!older.IsValid)
        {
            return new(false, $"older checkpoint refused: {older.Reason}", null, null);
        }

        var newer = verifier.Verify(newerNote);
        if (!newer.IsValid)
        {
            return new(false, $"newer checkpoint refused: {newer.Reason}", older.Checkpoint, null);
        }

        var (a, b) = (older.Checkpoint!, newer.Checkpoint!);
        if (a.Origin != b.Origin)
        {
            return new(false, $"checkpoints are for different logs ('{a.Origin}' and '{b.Origin}')", a, b);
        }

        if (a.Size > b.Size)
        {
            return new(false, $"the older checkpoint ({a.Size} entries) is larger than the newer ({b.Size})", a, b);
        }

        var path = proof.ToArray();
        return ProofVerifier.VerifyConsistency(a.Size, b.Size, a.RootHash, b.RootHash, path)
            ? new(true, null, a, b)
            : new(false, $"the consistency proof does not show the tree of {a.Size} entries is a prefix of the tree of {b.Size}", a, b);
    }

    /// <inheritdoc cref="Verify(string, string, IReadOnlyList{MerkleHash}, CheckpointVerifier)"/>
    /// <exception cref="FormatException">The verifier key is malformed.</exception>
    public static ConsistencyVerification Verify(string olderNote, string newerNote, IReadOnlyList<MerkleHash> proof, string verifierKey) =>
        Verify(olderNote, newerNote, proof, new CheckpointVerifier(verifierKey));
}
