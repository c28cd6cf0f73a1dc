using Credence.Ledger.Hashing;
using Credence.Ledger.Proofs;
using Credence.Ledger.Tree;

namespace Credence.Ledger.Tests.Proofs;

/// <summary>Every way of presenting a wrong consistency proof is refused, for every tree size up to 64.</summary>
public sealed class ConsistencyRefusalTests
{
    private const int MaxSize = 64;
    private static readonly ProofBuilder Builder = CreateBuilder();
    private static readonly MerkleHash[] Roots = Enumerable.Range(0, MaxSize + 1).Select(n => Builder.RootHash(n)).ToArray();

    [Fact]
    public void WrongOldSizeIsRefused() => ForEachProof((m, n, proof) =>
    {
        for (var other = 0; other <= n + 1; other++)
        {
            if (other != m)
            {
                var otherRoot = other <= MaxSize ? Roots[other] : Roots[m];
                Assert.False(ProofVerifier.VerifyConsistency(other, n, otherRoot, Roots[n], proof.Path.AsSpan()), $"old size {other} for PROOF({m}, D[{n}])");
                Assert.False(ProofVerifier.VerifyConsistency(other, n, Roots[m], Roots[n], proof.Path.AsSpan()), $"old size {other}, old root {m}");
            }
        }
    });

    [Fact]
    public void WrongNewSizeIsRefused() => ForEachProof((m, n, proof) =>
    {
        for (var other = m; other <= MaxSize; other++)
        {
            if (other != n)
            {
                Assert.False(ProofVerifier.VerifyConsistency(m, other, Roots[m], Roots[other], proof.Path.AsSpan()), $"new size {other} for PROOF({m}, D[{n}])");
            }
        }

        Assert.False(ProofVerifier.VerifyConsistency(m, m - 1, Roots[m], Roots[n], proof.Path.AsSpan()));
    });

    [Fact]
    public void WrongRootsAreRefused() => ForEachProof((m, n, proof) =>
    {
        Assert.False(ProofVerifier.VerifyConsistency(proof, InclusionRefusalTests.Flip(Roots[m]), Roots[n]));
        Assert.False(ProofVerifier.VerifyConsistency(proof, Roots[m], InclusionRefusalTests.Flip(Roots[n])));
        Assert.False(ProofVerifier.VerifyConsistency(proof, Roots[n], Roots[m]));
        Assert.False(ProofVerifier.VerifyConsistency(proof, default, Roots[n]));
        Assert.False(ProofVerifier.VerifyConsistency(proof, Roots[m], default));
    });

    [Fact]
    public void AlteredHashIsRefused() => ForEachProof((m, n, proof) =>
    {
        for (var k = 0; k < proof.Path.Length; k++)
        {
            var altered = proof with { Path = proof.Path.SetItem(k, InclusionRefusalTests.Flip(proof.Path[k])) };
            Assert.False(ProofVerifier.VerifyConsistency(altered, Roots[m], Roots[n]), $"element {k} of PROOF({m}, D[{n}]) altered");
        }
    });

    [Fact]
    public void PathTooLongOrTooShortIsRefused() => ForEachProof((m, n, proof) =>
    {
        Assert.False(ProofVerifier.VerifyConsistency(proof with { Path = proof.Path.Add(Roots[n]) }, Roots[m], Roots[n]), $"PROOF({m}, D[{n}]) long");
        Assert.False(ProofVerifier.VerifyConsistency(proof with { Path = proof.Path.Insert(0, Roots[m]) }, Roots[m], Roots[n]));
        if (!proof.Path.IsEmpty)
        {
            Assert.False(ProofVerifier.VerifyConsistency(proof with { Path = proof.Path.RemoveAt(proof.Path.Length - 1) }, Roots[m], Roots[n]), $"PROOF({m}, D[{n}]) short");
            Assert.False(ProofVerifier.VerifyConsistency(proof with { Path = proof.Path.RemoveAt(0) }, Roots[m], Roots[n]));
            Assert.False(ProofVerifier.VerifyConsistency(proof with { Path = [] }, Roots[m], Roots[n]));
        }
    });

    [Fact]
    public void EdgeCasesFollowTheDefinitions()
    {
        // Equal sizes: empty proof, equal roots.
        Assert.True(ProofVerifier.VerifyConsistency(5, 5, Roots[5], Roots[5], []));
        Assert.False(ProofVerifier.VerifyConsistency(5, 5, Roots[5], Roots[6], []));
        Assert.False(ProofVerifier.VerifyConsistency(5, 5, Roots[5], Roots[5], [Roots[5]]));

        // From the empty tree: empty proof and the empty root.
        Assert.True(ProofVerifier.VerifyConsistency(0, 9, MerkleHasher.EmptyRoot, Roots[9], []));
        Assert.False(ProofVerifier.VerifyConsistency(0, 9, Roots[1], Roots[9], []));
        Assert.False(ProofVerifier.VerifyConsistency(0, 9, MerkleHasher.EmptyRoot, Roots[9], [Roots[9]]));

        // Shrinking and negative sizes.
        Assert.False(ProofVerifier.VerifyConsistency(9, 5, Roots[9], Roots[5], []));
        Assert.False(ProofVerifier.VerifyConsistency(-1, 5, Roots[1], Roots[5], []));
    }

    private static void ForEachProof(Action<int, int, ConsistencyProof> check)
    {
        for (var n = 2; n <= MaxSize; n++)
        {
            for (var m = 1; m < n; m++)
            {
                check(m, n, Builder.ConsistencyProof(m, n));
            }
        }
    }

    private static ProofBuilder CreateBuilder()
    {
        var store = new MemoryNodeStore();
        ReferenceAgreementTests.Build(store, MaxSize);
        return new ProofBuilder(store);
    }
}
