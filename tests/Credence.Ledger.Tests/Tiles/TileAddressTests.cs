using Credence.Ledger.Tiles;
using FsCheck;
using FsCheck.Xunit;

namespace Credence.Ledger.Tests.Tiles;

/// <summary>Tile paths as c2sp.org/tlog-tiles writes them, and nothing else.</summary>
public sealed class TileAddressTests
{
    [Theory]
    [InlineData(0L, "000")]
    [InlineData(5L, "005")]
    [InlineData(999L, "999")]
    [InlineData(1000L, "x001/000")]
    [InlineData(1234067L, "x001/x234/067")]
    [InlineData(long.MaxValue, "x009/x223/x372/x036/x854/x775/807")]
    public void Indices_are_written_as_three_digit_elements_with_x_before_all_but_the_last(long index, string encoded)
    {
        Assert.Equal(encoded, TileMath.EncodeIndex(index));
        Assert.Equal(new TileAddress(0, index, null), TileAddress.Parse("0/" + encoded));
    }

    [Theory]
    [InlineData("0/x001/x234/067", 0, 1234067L, null, false)]
    [InlineData("2/000.p/1", 2, 0L, 1, false)]
    [InlineData("63/000.p/255", 63, 0L, 255, false)]
    [InlineData("entries/x001/x234/067.p/8", 0, 1234067L, 8, true)]
    [InlineData("entries/000", 0, 0L, null, true)]
    public void Paths_parse_to_their_address_and_back(string path, int level, long index, int? width, bool entries)
    {
        var address = TileAddress.Parse(path);
        Assert.Equal(new TileAddress(level, index, width, entries), address);
        Assert.Equal("tile/" + path, address!.Value.Path);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("0/")]
    [InlineData("0/5")]
    [InlineData("0/05")]
    [InlineData("0/0005")]
    [InlineData("00/000")]
    [InlineData("01/000")]
    [InlineData("64/000")]
    [InlineData("-1/000")]
    [InlineData("+1/000")]
    [InlineData("0/x000/005")]
    [InlineData("0/001/002")]
    [InlineData("0/x001/x002")]
    [InlineData("0/X001/002")]
    [InlineData("0/x1/000")]
    [InlineData("0//000")]
    [InlineData("0/000/")]
    [InlineData("0/000.p/0")]
    [InlineData("0/000.p/256")]
    [InlineData("0/000.p/01")]
    [InlineData("0/000.p/")]
    [InlineData("0/000.p")]
    [InlineData("0/000.P/5")]
    [InlineData("0/000.p/5/6")]
    [InlineData("0/-01")]
    [InlineData("0/+01")]
    [InlineData("0/ 01")]
    [InlineData("0/0x1")]
    [InlineData("0/٠٠١")]
    [InlineData("0/００１")]
    [InlineData("0/〇〇一")]
    [InlineData("٠/000")]
    [InlineData("0/x010/x000/x000/x000/x000/x000/x000/000")]
    [InlineData("0/x009/x223/x372/x036/x854/x775/808")]
    [InlineData("entries")]
    [InlineData("entries/")]
    [InlineData("Entries/000")]
    [InlineData("entry/000")]
    [InlineData("entries/000.p/256")]
    [InlineData("0/000%2F001")]
    [InlineData("0/000\u0000")]
    public void Anything_else_is_not_a_tile(string path) => Assert.Null(TileAddress.Parse(path));

    [Property(MaxTest = 300)]
    public bool Every_address_survives_its_path(NonNegativeInt level, long index, byte width, bool entries, bool partial)
    {
        var address = new TileAddress(entries ? 0 : level.Get % 64, Math.Abs(index == long.MinValue ? 0 : index), partial ? (width % 255) + 1 : null, entries);
        return TileAddress.Parse(address.Path["tile/".Length..]) == address;
    }
}
