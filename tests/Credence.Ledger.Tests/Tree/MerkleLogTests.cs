using Credence.Ledger.Tests.Support;
using Credence.Ledger.Tree;

namespace Credence.Ledger.Tests.Tree;

public sealed class MerkleLogTests
{
    [Fact]
    public void BulkLeafHashAppendsEqualOneByOneAppends()
    {
        var entries = TestEntries.Entries(1000);
        using var one = new MemoryNodeStore();
        using var bulk = new MemoryNodeStore();
        var byOne = new MerkleLog(one);
        entries.ForEach(e => byOne.Append(e));
        var leaves = entries.SelectMany(e => Ledger.Hashing.MerkleHasher.LeafHash(e).ToArray()).ToArray();
        var byBulk = new MerkleLog(bulk);
        Assert.Equal(0, byBulk.AppendLeafHashes(leaves.AsSpan(0, 300 * 32)));
        Assert.Equal(300, byBulk.AppendLeafHashes(leaves.AsSpan(300 * 32)));
        Assert.Equal(byOne.RootHash, byBulk.RootHash);
        Assert.Equal(byOne.Head, byBulk.Head);
    }

    [Fact]
    public void LeafHashesMustBeWhole()
    {
        var log = new MerkleLog(new MemoryNodeStore());
        Assert.Throws<ArgumentException>(() => log.AppendLeafHashes(new byte[33]));
        Assert.Equal(0, log.Size);
    }

    [Fact]
    public void AfterAStoreFailureTheLogRefusesFurtherAppends()
    {
        using var store = new FailingStore();
        var log = new MerkleLog(store);
        log.Append([1]);
        store.Fail = true;
        Assert.Throws<IOException>(() => log.Append([2]));
        store.Fail = false;
        Assert.Throws<InvalidOperationException>(() => log.Append([3]));

        // The store still holds the good prefix, and a log reopened on it carries on.
        var reopened = new MerkleLog(store);
        Assert.Equal(1, reopened.Size);
        reopened.Append([2]);
        Assert.Equal(2, reopened.Size);
    }

    /// <summary>A memory store whose appends can be made to fail, as a disk can.</summary>
    private sealed class FailingStore : INodeStore
    {
        private readonly MemoryNodeStore _inner = new();

        public bool Fail { get; set; }

        public long LeafCount => _inner.LeafCount;

        public void ReadNode(int level, long index, Span<byte> destination) => _inner.ReadNode(level, index, destination);

        public void Append(ReadOnlySpan<byte> nodes)
        {
            if (Fail)
            {
                throw new IOException("simulated write failure");
            }

            _inner.Append(nodes);
        }

        public void Flush() => _inner.Flush();

        public void Dispose() => _inner.Dispose();
    }
}
