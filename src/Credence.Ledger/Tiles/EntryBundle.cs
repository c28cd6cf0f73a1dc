using System.Buffers.Binary;

namespace Credence.Ledger.Tiles;

/// <summary>
/// An entry bundle of the C2SP tlog-tiles layout: the entries of one level-0 tile, each as a big-endian
/// 16-bit length followed by its bytes, so that each hashes (RFC 6962 leaf hash) to the hash at the
/// same position of the level-0 hash tile.
/// </summary>
public static class EntryBundle
{
    /// <summary>The largest entry a bundle can carry (the length prefix is 16 bits).</summary>
    public const int MaxEntryLength = ushort.MaxValue;

    /// <summary>Encodes <paramref name="entries"/> in order.</summary>
    /// <exception cref="ArgumentException">An entry is empty or longer than <see cref="MaxEntryLength"/> bytes.</exception>
    public static byte[] Encode(IReadOnlyList<ReadOnlyMemory<byte>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var length = 0;
        foreach (var entry in entries)
        {
            if (entry.Length is 0 or > MaxEntryLength)
            {
                throw new ArgumentException($"An entry in a bundle is 1 to {MaxEntryLength} bytes, not {entry.Length}.", nameof(entries));
            }

            length += 2 + entry.Length;
        }

        var bundle = new byte[length];
        var at = 0;
        foreach (var entry in entries)
        {
            BinaryPrimitives.WriteUInt16BigEndian(bundle.AsSpan(at), (ushort)entry.Length);
            entry.Span.CopyTo(bundle.AsSpan(at + 2));
            at += 2 + entry.Length;
        }

        return bundle;
    }
}
