using Credence.Ledger.Hashing;
using Credence.Ledger.Proofs;
using Credence.Ledger.Tests.Support;
using Credence.Ledger.Tree;
using FsCheck;
using FsCheck.Xunit;

namespace Credence.Ledger.Tests.Proofs;

/// <summary>Properties over larger, randomly chosen tree sizes (up to 3,000), against the same reference.</summary>
public sealed class ProofProperties
{
    private const int MaxSize = 3000;
    private static readonly List<byte[]> Entries = TestEntries.Entries(MaxSize);
    private static readonly ProofBuilder Builder = CreateBuilder();

    [Property(MaxTest = 60)]
    public bool InclusionProofsMatchTheReferenceAndVerify(PositiveInt size, NonNegativeInt index)
    {
        var n = ((size.Get - 1) % MaxSize) + 1;
        var i = index.Get % n;
        var proof = Builder.InclusionProof(i, n);
        return proof.Path.Select(h => h.ToArray()).SequenceEqual(ReferenceMerkle.Path(i, Entries[..n]), ByteArrays.Comparer)
            && ProofVerifier.VerifyInclusion(proof, MerkleHasher.LeafHash(Entries[i]), Builder.RootHash(n));
    }

    [Property(MaxTest = 60)]
    public bool ConsistencyProofsMatchTheReferenceAndVerify(PositiveInt newSize, PositiveInt oldSize)
    {
        var n = ((newSize.Get - 1) % MaxSize) + 1;
        var m = ((oldSize.Get - 1) % n) + 1;
        var proof = Builder.ConsistencyProof(m, n);
        return proof.Path.Select(h => h.ToArray()).SequenceEqual(ReferenceMerkle.Proof(m, Entries[..n]), ByteArrays.Comparer)
            && ProofVerifier.VerifyConsistency(proof, Builder.RootHash(m), Builder.RootHash(n));
    }

    [Property(MaxTest = 200)]
    public bool AnySingleBitFlipInAnInclusionProofIsRefused(PositiveInt size, NonNegativeInt index, NonNegativeInt element, NonNegativeInt bit)
    {
        var n = ((size.Get - 1) % MaxSize) + 2;
        n = Math.Min(n, MaxSize);
        var i = index.Get % n;
        var proof = Builder.InclusionProof(i, n);
        var k = element.Get % proof.Path.Length;
        var bytes = proof.Path[k].ToArray();
        bytes[bit.Get % 32] ^= (byte)(1 << (bit.Get % 8));
        var altered = proof with { Path = proof.Path.SetItem(k, new MerkleHash(bytes)) };
        return !ProofVerifier.VerifyInclusion(altered, MerkleHasher.LeafHash(Entries[i]), Builder.RootHash(n));
    }

    private static ProofBuilder CreateBuilder()
    {
        var store = new MemoryNodeStore();
        var log = new MerkleLog(store);
        Entries.ForEach(e => log.Append(e));
        return new ProofBuilder(store);
    }

    private sealed class ByteArrays : IEqualityComparer<byte[]>
    {
        public static readonly ByteArrays Comparer = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => obj.Length;
    }
}
