using Credence.Ledger.Hashing;
using Credence.Ledger.Proofs;
using Credence.Ledger.Tests.Support;
using Credence.Ledger.Tree;

namespace Credence.Ledger.Tests.Proofs;

/// <summary>
/// Tree heads, inclusion proofs and consistency proofs for every tree size up to 70 (past 64, so the
/// 2^6 boundary is crossed), checked against the recursive RFC definitions in <see cref="ReferenceMerkle"/>.
/// </summary>
public sealed class ReferenceAgreementTests
{
    private const int MaxSize = 70;

    [Fact]
    public void TreeHeadsMatchTheReferenceForEverySize()
    {
        using var store = new MemoryNodeStore();
        var log = new MerkleLog(store);
        var entries = TestEntries.Entries(MaxSize);
        Assert.Equal(ReferenceMerkle.Mth([]), log.RootHash.ToArray());
        for (var n = 1; n <= MaxSize; n++)
        {
            log.Append(entries[n - 1]);
            Assert.Equal(ReferenceMerkle.Mth(entries[..n]), log.RootHash.ToArray());
        }

        // Historical heads, computed from the store alone.
        var builder = new ProofBuilder(store);
        for (var n = 0; n <= MaxSize; n++)
        {
            Assert.Equal(ReferenceMerkle.Mth(entries[..n]), builder.RootHash(n).ToArray());
        }
    }

    [Fact]
    public void InclusionProofsMatchTheReferenceAndVerify()
    {
        using var store = new MemoryNodeStore();
        var entries = Build(store, MaxSize);
        var builder = new ProofBuilder(store);
        for (var n = 1; n <= MaxSize; n++)
        {
            var root = builder.RootHash(n);
            for (var i = 0; i < n; i++)
            {
                var proof = builder.InclusionProof(i, n);
                Assert.Equal(ReferenceMerkle.Path(i, entries[..n]), proof.Path.Select(h => h.ToArray()).ToList());
                Assert.True(ProofVerifier.VerifyInclusion(proof, MerkleHasher.LeafHash(entries[i]), root), $"PATH({i}, D[{n}])");
            }
        }
    }

    [Fact]
    public void ConsistencyProofsMatchTheReferenceAndVerify()
    {
        using var store = new MemoryNodeStore();
        var entries = Build(store, MaxSize);
        var builder = new ProofBuilder(store);
        for (var n = 1; n <= MaxSize; n++)
        {
            for (var m = 1; m <= n; m++)
            {
                var proof = builder.ConsistencyProof(m, n);
                Assert.Equal(ReferenceMerkle.Proof(m, entries[..n]), proof.Path.Select(h => h.ToArray()).ToList());
                Assert.True(ProofVerifier.VerifyConsistency(proof, builder.RootHash(m), builder.RootHash(n)), $"PROOF({m}, D[{n}])");
            }

            var fromEmpty = builder.ConsistencyProof(0, n);
            Assert.Empty(fromEmpty.Path);
            Assert.True(ProofVerifier.VerifyConsistency(fromEmpty, MerkleHasher.EmptyRoot, builder.RootHash(n)));
        }
    }

    [Fact]
    public void KnownConsistencyProofsOfTheCertificateTransparencyTree()
    {
        using var store = new MemoryNodeStore();
        var log = new MerkleLog(store);
        foreach (var hex in new[] { "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f" })
        {
            log.Append(Convert.FromHexString(hex));
        }

        var builder = new ProofBuilder(store);
        Assert.Equal(
            ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"],
            builder.ConsistencyProof(1, 8).Path.Select(h => h.ToHex()));
        Assert.Equal(
            ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"],
            builder.ConsistencyProof(6, 8).Path.Select(h => h.ToHex()));
        Assert.Equal(
            ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"],
            builder.ConsistencyProof(2, 5).Path.Select(h => h.ToHex()));
    }

    [Fact]
    public void ProofBuilderRefusesSizesBeyondTheStore()
    {
        using var store = new MemoryNodeStore();
        Build(store, 5);
        var builder = new ProofBuilder(store);
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.RootHash(6));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.InclusionProof(5, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.InclusionProof(-1, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.InclusionProof(0, 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.ConsistencyProof(4, 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.ConsistencyProof(5, 4));
    }

    internal static List<byte[]> Build(INodeStore store, int size)
    {
        var log = new MerkleLog(store);
        var entries = TestEntries.Entries(size);
        foreach (var entry in entries)
        {
            log.Append(entry);
        }

        return entries;
    }
}
