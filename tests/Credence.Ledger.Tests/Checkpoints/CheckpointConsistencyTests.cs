using Credence.Ledger.Checkpoints;
using Credence.Ledger.Hashing;
using Credence.Ledger.Storage;
using Credence.Ledger.Tests.Support;

namespace Credence.Ledger.Tests.Checkpoints;

public sealed class CheckpointConsistencyTests : IDisposable
{
    private const string Origin = "credence.test/ledger";
    private readonly CheckpointKeyPair _keys = CheckpointSigner.GenerateKey(Origin);
    private readonly CheckpointSigner _signer;
    private readonly MemoryLedger _ledger = new();

    public CheckpointConsistencyTests()
    {
        _signer = CheckpointSigner.FromPrivateKey(_keys.PrivateKey);
        _ledger.AppendBatch(TestEntries.Entries(21).Select(e => (ReadOnlyMemory<byte>)e).ToList());
    }

    [Fact]
    public void ConsistentCheckpointsVerify()
    {
        var proof = _ledger.ProveConsistency(8, 21).Path;
        var result = CheckpointConsistency.Verify(Note(8), Note(21), proof, _keys.VerifierKey);
        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(8, result.Older!.Size);
        Assert.Equal(21, result.Newer!.Size);
        Assert.True(CheckpointConsistency.Verify(Note(21), Note(21), [], _keys.VerifierKey).IsValid);
    }

    [Fact]
    public void AForkedHistoryIsRefused()
    {
        // Same size, different root: a second ledger that rewrote entry 3.
        using var fork = new MemoryLedger();
        var entries = TestEntries.Entries(21);
        entries[3] = [9, 9, 9];
        fork.AppendBatch(entries.Select(e => (ReadOnlyMemory<byte>)e).ToList());
        var forkedNote = _signer.Sign(new Checkpoint(Origin, 21, fork.Head.RootHash));
        var proof = _ledger.ProveConsistency(8, 21).Path;
        Assert.Contains("prefix", CheckpointConsistency.Verify(Note(8), forkedNote, proof, _keys.VerifierKey).Reason, StringComparison.Ordinal);
        Assert.False(CheckpointConsistency.Verify(Note(21), forkedNote, [], _keys.VerifierKey).IsValid);
    }

    [Fact]
    public void WrongOrderOtherLogsBadSignaturesAndBadProofsAreRefused()
    {
        var proof = _ledger.ProveConsistency(8, 21).Path;
        Assert.Contains("larger than the newer", CheckpointConsistency.Verify(Note(21), Note(8), proof, _keys.VerifierKey).Reason, StringComparison.Ordinal);

        var otherLog = _signer.Sign(new Checkpoint("other/log", 21, _ledger.RootHash(21)));
        Assert.Contains("different logs", CheckpointConsistency.Verify(Note(8), otherLog, proof, _keys.VerifierKey).Reason, StringComparison.Ordinal);

        var stranger = CheckpointSigner.GenerateKey(Origin);
        Assert.StartsWith("older checkpoint refused", CheckpointConsistency.Verify(Note(8), Note(21), proof, stranger.VerifierKey).Reason, StringComparison.Ordinal);
        var tampered = Note(21).Replace("\n21\n", "\n22\n", StringComparison.Ordinal);
        Assert.StartsWith("newer checkpoint refused", CheckpointConsistency.Verify(Note(8), tampered, proof, _keys.VerifierKey).Reason, StringComparison.Ordinal);

        var bent = proof.SetItem(0, MerkleHasher.LeafHash([0]));
        Assert.False(CheckpointConsistency.Verify(Note(8), Note(21), bent, _keys.VerifierKey).IsValid);
        Assert.False(CheckpointConsistency.Verify(Note(9), Note(21), proof, _keys.VerifierKey).IsValid);
    }

    public void Dispose()
    {
        _signer.Dispose();
        _ledger.Dispose();
    }

    private string Note(long size) => _signer.Sign(new Checkpoint(Origin, size, _ledger.RootHash(size)));
}
