using Credence.Ledger.Proofs;
using Credence.Ledger.Tests.Support;
using Credence.Ledger.Tree;

namespace Credence.Ledger.Tests.Tree;

public sealed class FileNodeStoreTests
{
    [Fact]
    public void ReopeningRestoresSizeAndRootAndAppendsContinue()
    {
        using var temp = new TempDirectory();
        var path = temp.File("nodes.dat");
        var entries = TestEntries.Entries(150);
        using (var store = FileNodeStore.Open(path))
        {
            var log = new MerkleLog(store);
            foreach (var entry in entries[..100])
            {
                log.Append(entry);
            }
        }

        using (var store = FileNodeStore.Open(path))
        {
            var log = new MerkleLog(store);
            Assert.Equal(100, log.Size);
            Assert.Equal(ReferenceMerkle.Mth(entries[..100]), log.RootHash.ToArray());
            foreach (var entry in entries[100..])
            {
                log.Append(entry);
            }

            Assert.Equal(ReferenceMerkle.Mth(entries), log.RootHash.ToArray());
            Assert.Equal(ReferenceMerkle.Mth(entries[..77]), new ProofBuilder(store).RootHash(77).ToArray());
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(200)]
    public void ATornTailIsCutBackToTheLastLeafBoundary(int cut)
    {
        using var temp = new TempDirectory();
        var path = temp.File("nodes.dat");
        var entries = TestEntries.Entries(64);
        using (var store = FileNodeStore.Open(path))
        {
            var log = new MerkleLog(store);
            entries.ForEach(e => log.Append(e));
        }

        var length = new FileInfo(path).Length;
        using (var stream = new FileStream(path, FileMode.Open))
        {
            stream.SetLength(length - cut);
        }

        using var reopened = FileNodeStore.Open(path);
        var size = (int)reopened.LeafCount;
        Assert.True(size < 64);
        Assert.True(reopened.TruncatedBytes > 0 || cut % 32 == 0);
        Assert.Equal(ReferenceMerkle.Mth(entries[..size]), new MerkleLog(reopened).RootHash.ToArray());
        Assert.Equal(PostOrder.NodeCount(size) * 32, new FileInfo(path).Length);
    }

    [Fact]
    public void AppendsThatDoNotEndOnALeafBoundaryAreRefused()
    {
        using var temp = new TempDirectory();
        using var store = FileNodeStore.Open(temp.File("nodes.dat"));
        Assert.Throws<ArgumentException>(() => store.Append(new byte[64]));
        Assert.Throws<ArgumentException>(() => store.Append(new byte[31]));
        store.Append(new byte[32]);
        Assert.Equal(1, store.LeafCount);
    }

    [Fact]
    public void ReadsOutsideTheStoredTreeAreRefused()
    {
        using var memory = new MemoryNodeStore();
        new MerkleLog(memory).AppendLeafHashes(new byte[3 * 32]);
        var buffer = new byte[32];
        memory.ReadNode(1, 0, buffer);
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.ReadNode(1, 1, buffer));
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.ReadNode(0, 3, buffer));
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.ReadNode(0, -1, buffer));
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.ReadNode(2, 0, buffer));
    }

    [Fact]
    public void ASecondWriterCannotOpenTheSameFile()
    {
        using var temp = new TempDirectory();
        using var first = FileNodeStore.Open(temp.File("nodes.dat"));
        Assert.ThrowsAny<IOException>(() => FileNodeStore.Open(temp.File("nodes.dat")));
    }

    [Fact]
    public void PostOrderPositionsAreTheAppendOrder()
    {
        // Leaves 0,1 then their parent; leaves 2,3, parent (1,1), then (2,0).
        Assert.Equal([0L, 1, 3, 4], Enumerable.Range(0, 4).Select(i => PostOrder.Position(0, i)));
        Assert.Equal(2, PostOrder.Position(1, 0));
        Assert.Equal(5, PostOrder.Position(1, 1));
        Assert.Equal(6, PostOrder.Position(2, 0));
        for (long n = 0; n < 300; n++)
        {
            Assert.Equal(n, PostOrder.LeavesWithin(PostOrder.NodeCount(n)));
        }
    }
}
