using Credence.Ledger.Hashing;
using Credence.Ledger.Tests.Support;
using Credence.Ledger.Tiles;
using Credence.Ledger.Tree;

namespace Credence.Ledger.Tests.Tiles;

/// <summary>Which tiles a tree has and what they hold, against the specification's own example and the reference tree.</summary>
public sealed class TileMathTests
{
    [Fact]
    public void A_tree_of_70000_has_the_tiles_the_specification_lists()
    {
        // "273 full level 0 tiles, one partial level 0 tile of width 112, one full level 1 tile,
        // one partial level 1 tile of width 17, and one partial level 2 tile of width 1."
        const long size = 70_000;
        Assert.All(Enumerable.Range(0, 273), n => Assert.Equal(256, TileMath.AvailableWidth(0, n, size)));
        Assert.Equal(112, TileMath.AvailableWidth(0, 273, size));
        Assert.Equal(0, TileMath.AvailableWidth(0, 274, size));
        Assert.Equal(256, TileMath.AvailableWidth(1, 0, size));
        Assert.Equal(17, TileMath.AvailableWidth(1, 1, size));
        Assert.Equal(0, TileMath.AvailableWidth(1, 2, size));
        Assert.Equal(1, TileMath.AvailableWidth(2, 0, size));
        Assert.Equal(0, TileMath.AvailableWidth(2, 1, size));
        Assert.Equal(0, TileMath.AvailableWidth(3, 0, size));

        // "A tree of size 256 will be represented by a full level 0 tile and a partial level 1 tile of width 1."
        Assert.Equal((256, 0, 1, 0), (TileMath.AvailableWidth(0, 0, 256), TileMath.AvailableWidth(0, 1, 256), TileMath.AvailableWidth(1, 0, 256), TileMath.AvailableWidth(2, 0, 256)));
    }

    [Theory]
    [InlineData(0, 0L, 0L)]
    [InlineData(-1, 0L, 1000L)]
    [InlineData(64, 0L, long.MaxValue)]
    [InlineData(63, 0L, long.MaxValue)]
    [InlineData(7, 0L, long.MaxValue)]
    [InlineData(0, -1L, 1000L)]
    [InlineData(0, long.MaxValue, long.MaxValue)]
    public void Outside_any_tree_there_is_nothing(int level, long index, long size)
    {
        var expected = level == 7 ? 127 : 0;
        Assert.Equal(expected, TileMath.AvailableWidth(level, index, size));
    }

    [Fact]
    public void Full_and_partial_tiles_are_held_only_as_far_as_the_tree_goes()
    {
        Assert.True(TileMath.Holds(new TileAddress(0, 0, null), 256));
        Assert.False(TileMath.Holds(new TileAddress(0, 0, null), 255));
        Assert.True(TileMath.Holds(new TileAddress(0, 0, 255), 255));
        Assert.True(TileMath.Holds(new TileAddress(0, 0, 1), 255));
        Assert.False(TileMath.Holds(new TileAddress(0, 1, 1), 256));
        Assert.True(TileMath.Holds(new TileAddress(0, 1, 1), 257));
        Assert.False(TileMath.Holds(new TileAddress(0, 0, 3), 2));
        Assert.True(TileMath.Holds(new TileAddress(1, 0, 2), 600));
        Assert.False(TileMath.Holds(new TileAddress(1, 0, 3), 600));
        Assert.True(TileMath.Holds(new TileAddress(0, 2, 88, Entries: true), 600));
        Assert.False(TileMath.Holds(new TileAddress(0, 2, 89, Entries: true), 600));
    }

    [Fact]
    public void Hash_tiles_hold_the_reference_tree_hashes()
    {
        const int size = 600;
        var entries = TestEntries.Entries(size);
        using var store = new MemoryNodeStore();
        var log = new MerkleLog(store);
        foreach (var entry in entries)
        {
            log.Append(entry);
        }

        // Level 0: leaf hashes; a narrower partial tile is a prefix of a wider one.
        var full = TileMath.HashTile(store, new TileAddress(0, 1, null));
        Assert.Equal(256 * 32, full.Length);
        for (var i = 0; i < 256; i++)
        {
            Assert.Equal(ReferenceMerkle.Mth([entries[256 + i]]), full[(i * 32)..((i + 1) * 32)]);
        }

        var partial = TileMath.HashTile(store, new TileAddress(0, 2, 88));
        Assert.Equal(ReferenceMerkle.Mth([entries[599]]), partial[^32..]);
        Assert.Equal(partial[..(10 * 32)], TileMath.HashTile(store, new TileAddress(0, 2, 10)));

        // Level 1: each hash the tree hash of 256 leaves.
        var upper = TileMath.HashTile(store, new TileAddress(1, 0, 2));
        Assert.Equal(ReferenceMerkle.Mth(entries[..256]), upper[..32]);
        Assert.Equal(ReferenceMerkle.Mth(entries[256..512]), upper[32..]);

        Assert.Throws<ArgumentOutOfRangeException>(() => TileMath.HashTile(store, new TileAddress(0, 2, null)));
        Assert.Throws<ArgumentOutOfRangeException>(() => TileMath.HashTile(store, new TileAddress(0, 2, 89)));
        Assert.Throws<ArgumentOutOfRangeException>(() => TileMath.HashTile(store, new TileAddress(1, 0, 3)));
        Assert.Throws<ArgumentOutOfRangeException>(() => TileMath.HashTile(store, new TileAddress(0, 0, null, Entries: true)));
        Assert.Equal(log.RootHash, new MerkleHash(ReferenceMerkle.Mth(entries)));
    }

    [Fact]
    public void A_level_2_tile_holds_the_hash_of_65536_leaves()
    {
        const int size = 65_536 + 300;
        using var store = new MemoryNodeStore();
        var log = new MerkleLog(store);
        var leaves = new byte[size * 32];
        new Random(7).NextBytes(leaves);
        log.AppendLeafHashes(leaves);

        // The level-2 hash is the tree hash of the 256 level-1 hashes, which are tree hashes of the 256 leaf tiles.
        var level1 = TileMath.HashTile(store, new TileAddress(1, 0, null));
        for (var n = 0; n < 256; n += 51)
        {
            Assert.Equal(SubtreeOf(TileMath.HashTile(store, new TileAddress(0, n, null))), level1[(n * 32)..((n + 1) * 32)]);
        }

        Assert.Equal(SubtreeOf(level1), TileMath.HashTile(store, new TileAddress(2, 0, 1)));
        Assert.Equal(1, TileMath.AvailableWidth(2, 0, size));
        Assert.Equal(1, TileMath.AvailableWidth(1, 1, size));
    }

    [Fact]
    public void Entry_bundles_prefix_each_entry_with_its_big_endian_16_bit_length()
    {
        var bundle = EntryBundle.Encode([new byte[] { 7 }, new byte[300], new byte[EntryBundle.MaxEntryLength]]);
        Assert.Equal([0, 1, 7, 1, 44], bundle[..5]);
        Assert.Equal([0xFF, 0xFF], bundle[(2 + 1 + 2 + 300)..(2 + 1 + 2 + 300 + 2)]);
        Assert.Equal(2 + 1 + 2 + 300 + 2 + EntryBundle.MaxEntryLength, bundle.Length);
        Assert.Empty(EntryBundle.Encode([]));
        Assert.Throws<ArgumentException>(() => EntryBundle.Encode([new byte[EntryBundle.MaxEntryLength + 1]]));
        Assert.Throws<ArgumentException>(() => EntryBundle.Encode([ReadOnlyMemory<byte>.Empty]));
    }

    /// <summary>The RFC 6962 hash of a perfect tree over 256 given leaf-level hashes.</summary>
    private static byte[] SubtreeOf(byte[] tile)
    {
        var level = Enumerable.Range(0, tile.Length / 32).Select(i => tile[(i * 32)..((i + 1) * 32)]).ToList();
        while (level.Count > 1)
        {
            level = Enumerable.Range(0, level.Count / 2).Select(i => System.Security.Cryptography.SHA256.HashData([0x01, .. level[2 * i], .. level[(2 * i) + 1]])).ToList();
        }

        return level[0];
    }
}
