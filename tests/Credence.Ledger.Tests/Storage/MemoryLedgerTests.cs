using Credence.Ledger.Hashing;
using Credence.Ledger.Proofs;
using Credence.Ledger.Storage;
using Credence.Ledger.Tests.Support;

namespace Credence.Ledger.Tests.Storage;

public sealed class MemoryLedgerTests
{
    [Fact]
    public async Task HonoursTheLedgerContract()
    {
        using var ledger = new MemoryLedger();
        var entries = TestEntries.Entries(12);
        Assert.Equal(0, await ledger.AppendAsync(entries[0]));
        Assert.Equal(1, ledger.AppendBatch(entries[1..].Select(e => (ReadOnlyMemory<byte>)e).ToList()));
        Assert.Equal(new MerkleHash(ReferenceMerkle.Mth(entries)), ledger.Head.RootHash);
        Assert.Equal(entries[5], ledger.ReadEntry(5));
        Assert.True(ProofVerifier.VerifyInclusion(ledger.ProveInclusion(5, 12), MerkleHasher.LeafHash(entries[5]), ledger.RootHash(12)));
        Assert.True(ProofVerifier.VerifyConsistency(ledger.ProveConsistency(7, 12), ledger.RootHash(7), ledger.RootHash(12)));
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.AppendAsync(ReadOnlyMemory<byte>.Empty));
        Assert.Throws<ArgumentOutOfRangeException>(() => ledger.ReadEntry(12));
        Assert.Throws<ArgumentException>(() => ledger.AppendBatch([]));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ledger.AppendAsync(new byte[] { 1 }, cancelled.Token));
        Assert.Equal(12, ledger.Head.Size);
    }
}
