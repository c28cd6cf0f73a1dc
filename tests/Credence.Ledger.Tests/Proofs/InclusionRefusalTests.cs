using System.Collections.Immutable;
using Credence.Ledger.Hashing;
using Credence.Ledger.Proofs;
using Credence.Ledger.Tests.Support;
using Credence.Ledger.Tree;

namespace Credence.Ledger.Tests.Proofs;

/// <summary>Every way of presenting a wrong inclusion proof is refused, for every tree size up to 64.</summary>
public sealed class InclusionRefusalTests
{
    private const int MaxSize = 64;
    private static readonly Fixture Tree = new();

    [Fact]
    public void WrongIndexIsRefused()
    {
        Tree.ForEachProof((n, i, leaf, proof, root) =>
        {
            for (var j = -1; j <= n; j++)
            {
                if (j != i)
                {
                    Assert.False(ProofVerifier.VerifyInclusion(leaf, j, n, proof.Path.AsSpan(), root), $"index {j} for PATH({i}, D[{n}])");
                }
            }
        });
    }

    [Fact]
    public void WrongSizeIsRefused()
    {
        Tree.ForEachProof((n, i, leaf, proof, root) =>
        {
            for (var other = i + 1; other <= MaxSize; other++)
            {
                if (other != n)
                {
                    var otherRoot = Tree.Builder.RootHash(other);
                    Assert.False(ProofVerifier.VerifyInclusion(leaf, i, other, proof.Path.AsSpan(), otherRoot), $"size {other} for PATH({i}, D[{n}])");
                }
            }

            Assert.False(ProofVerifier.VerifyInclusion(leaf, i, 0, proof.Path.AsSpan(), root));
            Assert.False(ProofVerifier.VerifyInclusion(leaf, i, -n, proof.Path.AsSpan(), root));
        });
    }

    [Fact]
    public void WrongLeafIsRefused()
    {
        Tree.ForEachProof((n, i, _, proof, root) =>
        {
            for (var j = 0; j < n; j++)
            {
                if (j != i)
                {
                    Assert.False(ProofVerifier.VerifyInclusion(proof, MerkleHasher.LeafHash(TestEntries.Entry(j)), root), $"leaf {j} for PATH({i}, D[{n}])");
                }
            }

            // The leaf hash must be a leaf hash: the raw entry bytes hashed as a node are not accepted.
            Assert.False(ProofVerifier.VerifyInclusion(proof, MerkleHasher.LeafHash([.. TestEntries.Entry(i), 0]), root));
            Assert.False(ProofVerifier.VerifyInclusion(proof, default, root));
        });
    }

    [Fact]
    public void AlteredHashIsRefused()
    {
        Tree.ForEachProof((n, i, leaf, proof, root) =>
        {
            for (var k = 0; k < proof.Path.Length; k++)
            {
                var altered = proof with { Path = proof.Path.SetItem(k, Flip(proof.Path[k])) };
                Assert.False(ProofVerifier.VerifyInclusion(altered, leaf, root), $"element {k} of PATH({i}, D[{n}]) altered");
            }

            Assert.False(ProofVerifier.VerifyInclusion(proof, leaf, Flip(root)));
            Assert.False(ProofVerifier.VerifyInclusion(proof, leaf, default));
        });
    }

    [Fact]
    public void PathTooLongOrTooShortIsRefused()
    {
        Tree.ForEachProof((n, i, leaf, proof, root) =>
        {
            Assert.False(ProofVerifier.VerifyInclusion(proof with { Path = proof.Path.Add(root) }, leaf, root));
            Assert.False(ProofVerifier.VerifyInclusion(proof with { Path = proof.Path.Add(leaf) }, leaf, root));
            Assert.False(ProofVerifier.VerifyInclusion(proof with { Path = proof.Path.Insert(0, leaf) }, leaf, root));
            if (!proof.Path.IsEmpty)
            {
                Assert.False(ProofVerifier.VerifyInclusion(proof with { Path = proof.Path.RemoveAt(proof.Path.Length - 1) }, leaf, root), $"PATH({i}, D[{n}]) short");
                Assert.False(ProofVerifier.VerifyInclusion(proof with { Path = proof.Path.RemoveAt(0) }, leaf, root));
                Assert.False(ProofVerifier.VerifyInclusion(proof with { Path = proof.Path.SetItem(0, default) }, leaf, root));
            }
        });
    }

    internal static MerkleHash Flip(MerkleHash hash)
    {
        var bytes = hash.ToArray();
        bytes[^1] ^= 0x01;
        return new MerkleHash(bytes);
    }

    private sealed class Fixture
    {
        public Fixture()
        {
            var store = new MemoryNodeStore();
            ReferenceAgreementTests.Build(store, MaxSize);
            Builder = new ProofBuilder(store);
        }

        public ProofBuilder Builder { get; }

        public void ForEachProof(Action<int, int, MerkleHash, InclusionProof, MerkleHash> check)
        {
            for (var n = 1; n <= MaxSize; n++)
            {
                var root = Builder.RootHash(n);
                for (var i = 0; i < n; i++)
                {
                    check(n, i, MerkleHasher.LeafHash(TestEntries.Entry(i)), Builder.InclusionProof(i, n), root);
                }
            }
        }
    }
}
