using Credence.Ledger.Hashing;
using Credence.Ledger.Tree;

namespace Credence.Ledger.Tests.Tree;

public sealed class MerkleHasherTests
{
    // The eight entries and roots of the Certificate Transparency reference test tree.
    private static readonly string[] CtEntries =
        ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"];

    private static readonly string[] CtRoots =
    [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    [Fact]
    public void EmptyRootIsSha256OfNothing() =>
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", MerkleHasher.EmptyRoot.ToHex());

    [Fact]
    public void RootsMatchTheCertificateTransparencyTestVectors()
    {
        using var store = new MemoryNodeStore();
        var log = new MerkleLog(store);
        Assert.Equal(CtRoots[0], log.RootHash.ToHex());
        for (var i = 0; i < CtEntries.Length; i++)
        {
            log.Append(Convert.FromHexString(CtEntries[i]));
            Assert.Equal(CtRoots[i + 1], log.RootHash.ToHex());
        }
    }

    [Fact]
    public void LeafAndNodeHashesAreDomainSeparated()
    {
        var left = MerkleHasher.LeafHash([1]);
        var right = MerkleHasher.LeafHash([2]);
        var node = MerkleHasher.NodeHash(left, right);
        var leafOfConcatenation = MerkleHasher.LeafHash([.. left.Span, .. right.Span]);
        Assert.NotEqual(node, leafOfConcatenation);
        Assert.Equal("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", MerkleHasher.LeafHash([]).ToHex());
    }

    [Fact]
    public void LargeEntriesHashLikeSmallOnes()
    {
        var big = new byte[100_000];
        new Random(7).NextBytes(big);
        var expected = System.Security.Cryptography.SHA256.HashData([0x00, .. big]);
        Assert.Equal(Convert.ToHexStringLower(expected), MerkleHasher.LeafHash(big).ToHex());
    }

    [Fact]
    public void HashValuesRoundTripAndRefuseWrongLengths()
    {
        var hash = MerkleHasher.LeafHash([9]);
        Assert.Equal(hash, MerkleHash.FromBase64(hash.ToBase64()));
        Assert.Equal(hash, MerkleHash.FromHex(hash.ToHex()));
        Assert.Throws<ArgumentException>(() => new MerkleHash(new byte[31]));
        Assert.Throws<FormatException>(() => MerkleHash.FromBase64(Convert.ToBase64String(new byte[33])));
        Assert.Throws<FormatException>(() => MerkleHash.FromBase64("not base64 at all, not at all, not at all!!"));
        Assert.Throws<FormatException>(() => MerkleHash.FromHex("abcd"));
        Assert.True(default(MerkleHash).IsDefault);
        Assert.Throws<ArgumentException>(() => MerkleHasher.NodeHash(default, hash));
    }
}
