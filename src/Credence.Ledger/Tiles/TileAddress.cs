using System.Globalization;

namespace Credence.Ledger.Tiles;

/// <summary>
/// Where a tile lives in the C2SP tlog-tiles layout: a hash tile <c>tile/&lt;L&gt;/&lt;N&gt;[.p/&lt;W&gt;]</c>
/// or an entry bundle <c>tile/entries/&lt;N&gt;[.p/&lt;W&gt;]</c>, with <see cref="Width"/> null for a full
/// tile (256 hashes or entries) and 1 to 255 for a partial one.
/// </summary>
/// <param name="Level">The tile level (0 to 63); 0 for an entry bundle.</param>
/// <param name="Index">The tile's index within its level.</param>
/// <param name="Width">Null for a full tile; 1 to 255 for a partial one.</param>
/// <param name="Entries">True for an entry bundle, false for a hash tile.</param>
public readonly record struct TileAddress(int Level, long Index, int? Width, bool Entries = false)
{
    /// <summary>The number of hashes (or entries) the tile holds: <see cref="Width"/>, or 256 for a full tile.</summary>
    public int Count => Width ?? TileMath.Width;

    /// <summary>The path below the log's prefix, e.g. <c>tile/0/x001/x234/067.p/8</c>.</summary>
    public string Path
    {
        get
        {
            var n = TileMath.EncodeIndex(Index);
            var width = Width is { } w ? string.Create(CultureInfo.InvariantCulture, $".p/{w}") : string.Empty;
            return Entries
                ? $"tile/entries/{n}{width}"
                : string.Create(CultureInfo.InvariantCulture, $"tile/{Level}/{n}{width}");
        }
    }

    /// <summary>
    /// Parses the part of a path after <c>tile/</c> (<c>0/x001/234</c>, <c>entries/005.p/17</c>), strictly as
    /// the specification writes it: no leading zeros in a level or width, three digits in every index
    /// element, <c>x</c> before all but the last, no needless leading <c>x000</c> element.
    /// </summary>
    /// <returns>The address, or null when <paramref name="path"/> is not one.</returns>
    public static TileAddress? Parse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var parts = path.Split('/');
        if (parts.Length < 2)
        {
            return null;
        }

        bool entries;
        int level;
        if (parts[0] == "entries")
        {
            (entries, level) = (true, 0);
        }
        else if (TileMath.ParseSmall(parts[0], 0, TileMath.MaxLevel) is { } l)
        {
            (entries, level) = (false, l);
        }
        else
        {
            return null;
        }

        var rest = parts.AsSpan(1);
        int? width = null;
        if (rest.Length >= 2 && rest[^2].EndsWith(".p", StringComparison.Ordinal))
        {
            width = TileMath.ParseSmall(rest[^1], 1, TileMath.Width - 1);
            if (width is null)
            {
                return null;
            }

            var last = rest[^2][..^2];
            var elements = rest[..^1].ToArray();
            elements[^1] = last;
            rest = elements;
        }

        return TileMath.DecodeIndex(rest) is { } index ? new TileAddress(level, index, width, entries) : null;
    }
}
