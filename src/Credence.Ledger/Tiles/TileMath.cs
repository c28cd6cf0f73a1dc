using System.Globalization;
using Credence.Ledger.Hashing;
using Credence.Ledger.Tree;

namespace Credence.Ledger.Tiles;

/// <summary>
/// The arithmetic of the C2SP tlog-tiles layout over a tree's stored nodes: which tiles a tree of a
/// given size has, how wide each is, the hashes a hash tile holds, and the path encoding of tile indices.
/// </summary>
/// <remarks>
/// <para>
/// Implementation note: the tile at level <c>l</c>, index <c>n</c> holds the hashes of the complete
/// subtrees of height <c>8·l</c> with indices <c>256·n</c> to <c>256·n + 255</c>, which are exactly the nodes an
/// <see cref="INodeStore"/> keeps at (level <c>8·l</c>, index <c>256·n + i</c>): a tile is read, never computed,
/// so serving one costs one read per hash and no hashing.
/// </para>
/// <para>
/// A tree of size <c>s</c> has <c>floor(s / 256^l)</c> complete subtrees of height <c>8·l</c>; the tiles at
/// level <c>l</c> are those hashes in runs of 256, the last run partial when it is shorter.
/// </para>
/// </remarks>
public static class TileMath
{
    /// <summary>Hashes (or entries) in a full tile.</summary>
    public const int Width = 256;

    /// <summary>Tree levels a tile spans.</summary>
    public const int Height = 8;

    /// <summary>The highest tile level the layout names.</summary>
    public const int MaxLevel = 63;

    /// <summary>
    /// How many hashes of the tile at <paramref name="level"/>, <paramref name="index"/> a tree of
    /// <paramref name="treeSize"/> leaves holds: 256 when the tile is full, 1 to 255 when partial, 0 when
    /// the tree has none of it.
    /// </summary>
    public static int AvailableWidth(int level, long index, long treeSize)
    {
        if (level is < 0 or > MaxLevel || index < 0 || treeSize <= 0)
        {
            return 0;
        }

        var shift = Height * level;
        var nodes = shift >= 63 ? 0 : treeSize >> shift;
        if (index > (nodes / Width))
        {
            return 0;
        }

        return (int)Math.Min(Width, nodes - (index * Width));
    }

    /// <summary>
    /// True when the tree of <paramref name="treeSize"/> leaves holds the tile at <paramref name="address"/>:
    /// all 256 of a full tile, or at least <see cref="TileAddress.Width"/> hashes of a partial one.
    /// </summary>
    /// <remarks>
    /// A partial tile narrower than what the tree holds is still served: it is the tile as a smaller
    /// tree, one some checkpoint may have signed, had it, and its hashes never change.
    /// </remarks>
    public static bool Holds(TileAddress address, long treeSize)
    {
        var available = AvailableWidth(address.Level, address.Index, treeSize);
        return address.Width is { } w ? w <= available : available == Width;
    }

    /// <summary>
    /// The hashes of the tile at <paramref name="address"/> (hash tiles only), <see cref="TileAddress.Count"/>
    /// times 32 bytes, read from <paramref name="nodes"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The store's tree does not hold the tile, or it is an entry bundle.</exception>
    public static byte[] HashTile(INodeStore nodes, TileAddress address)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        if (address.Entries || !Holds(address, nodes.LeafCount))
        {
            throw new ArgumentOutOfRangeException(nameof(address), $"A tree of {nodes.LeafCount} leaves holds no hash tile {address.Path}.");
        }

        var count = address.Count;
        var tile = new byte[count * MerkleHash.Length];
        var first = address.Index * Width;
        for (var i = 0; i < count; i++)
        {
            nodes.ReadNode(Height * address.Level, first + i, tile.AsSpan(i * MerkleHash.Length, MerkleHash.Length));
        }

        return tile;
    }

    /// <summary>The leaf indices an entry bundle at <paramref name="address"/> covers: from its first, <see cref="TileAddress.Count"/> of them.</summary>
    public static long FirstEntry(TileAddress address) => address.Index * Width;

    /// <summary>Encodes a tile index as the layout's path elements: 1234067 is <c>x001/x234/067</c>, 5 is <c>005</c>.</summary>
    public static string EncodeIndex(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var text = index.ToString(CultureInfo.InvariantCulture);
        text = text.PadLeft(((text.Length + 2) / 3) * 3, '0');
        var elements = Enumerable.Range(0, text.Length / 3).Select(i => text.Substring(i * 3, 3)).ToArray();
        return string.Join('/', elements.Select((e, i) => i < elements.Length - 1 ? "x" + e : e));
    }

    /// <summary>Decodes index path elements written as <see cref="EncodeIndex"/> writes them; null for anything else.</summary>
    internal static long? DecodeIndex(ReadOnlySpan<string> elements)
    {
        // long.MaxValue has 19 digits: at most 7 elements.
        if (elements.Length is 0 or > 7)
        {
            return null;
        }

        decimal value = 0;
        for (var i = 0; i < elements.Length; i++)
        {
            var element = elements[i];
            var last = i == elements.Length - 1;
            var digits = last ? element : element.StartsWith('x') ? element[1..] : null;
            if (digits is not { Length: 3 } || !digits.All(char.IsAsciiDigit) || (i == 0 && !last && digits == "000"))
            {
                return null;
            }

            value = (value * 1000) + int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        return value <= long.MaxValue ? (long)value : null;
    }

    /// <summary>A decimal from <paramref name="min"/> to <paramref name="max"/> in ASCII digits with no leading zero; null otherwise.</summary>
    internal static int? ParseSmall(string text, int min, int max)
    {
        if (text.Length is 0 or > 3 || !text.All(char.IsAsciiDigit) || (text.Length > 1 && text[0] == '0'))
        {
            return null;
        }

        var value = int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return value >= min && value <= max ? value : null;
    }
}
