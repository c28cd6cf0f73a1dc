using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace Credence.Ledger.Storage;

/// <summary>
/// The entry log (<c>entries.dat</c>: records of a 4-byte little-endian length and the entry bytes)
/// and its offset index (<c>entries.idx</c>: the 8-byte little-endian end offset of each record).
/// </summary>
/// <remarks>
/// Implementation note: the index stores end offsets so that entry i spans [end(i-1), end(i)) with
/// end(-1) = 0, one positional read of 16 bytes. The length prefix is redundant with the index on
/// purpose: recovery checks one against the other. Both files are opened exclusively.
/// </remarks>
internal sealed class EntryFiles : IDisposable
{
    public const string EntriesFileName = "entries.dat";
    public const string IndexFileName = "entries.idx";
    private const int Prefix = sizeof(uint);
    private const int Slot = sizeof(long);

    private readonly SafeFileHandle _entries;
    private readonly SafeFileHandle _index;

    private EntryFiles(SafeFileHandle entries, SafeFileHandle index)
    {
        _entries = entries;
        _index = index;
        EntriesLength = RandomAccess.GetLength(entries);
        IndexLength = RandomAccess.GetLength(index);
    }

    /// <summary>Bytes in the entry log.</summary>
    public long EntriesLength { get; private set; }

    /// <summary>Bytes in the index.</summary>
    public long IndexLength { get; private set; }

    public static EntryFiles Open(string directory)
    {
        var entries = OpenFile(Path.Combine(directory, EntriesFileName));
        try
        {
            return new EntryFiles(entries, OpenFile(Path.Combine(directory, IndexFileName)));
        }
        catch
        {
            entries.Dispose();
            throw;
        }
    }

    /// <summary>Appends encoded records and their end offsets (not yet durable).</summary>
    public void Append(ReadOnlySpan<byte> records, ReadOnlySpan<byte> endOffsets)
    {
        RandomAccess.Write(_entries, records, EntriesLength);
        EntriesLength += records.Length;
        RandomAccess.Write(_index, endOffsets, IndexLength);
        IndexLength += endOffsets.Length;
    }

    /// <summary>fsyncs the entry log.</summary>
    public void SyncEntries() => RandomAccess.FlushToDisk(_entries);

    /// <summary>fsyncs the index.</summary>
    public void SyncIndex() => RandomAccess.FlushToDisk(_index);

    /// <summary>End offset of record <paramref name="index"/> in the entry log.</summary>
    public long ReadEnd(long index)
    {
        Span<byte> slot = stackalloc byte[Slot];
        ReadExactly(_index, slot, index * Slot, "index");
        return BinaryPrimitives.ReadInt64LittleEndian(slot);
    }

    /// <summary>The entry bytes of record <paramref name="index"/>, checked against its length prefix.</summary>
    public byte[] ReadEntry(long index)
    {
        Span<byte> slots = stackalloc byte[2 * Slot];
        long start, end;
        if (index == 0)
        {
            ReadExactly(_index, slots[..Slot], 0, "index");
            (start, end) = (0, BinaryPrimitives.ReadInt64LittleEndian(slots));
        }
        else
        {
            ReadExactly(_index, slots, (index - 1) * Slot, "index");
            (start, end) = (BinaryPrimitives.ReadInt64LittleEndian(slots), BinaryPrimitives.ReadInt64LittleEndian(slots[Slot..]));
        }

        var length = end - start - Prefix;
        if (length <= 0 || length > LedgerLimits.MaxEntryLength)
        {
            throw new LedgerCorruptedException($"Index slot {index} gives an impossible record span [{start}, {end}).");
        }

        var record = new byte[Prefix + length];
        ReadExactly(_entries, record, start, "entry log");
        if (BinaryPrimitives.ReadUInt32LittleEndian(record) != length)
        {
            throw new LedgerCorruptedException($"Record {index} has length prefix {BinaryPrimitives.ReadUInt32LittleEndian(record)}, the index says {length}.");
        }

        return record[Prefix..];
    }

    /// <summary>Cuts both files back to <paramref name="entries"/> records ending at <paramref name="entriesLength"/>.</summary>
    public void Truncate(long entries, long entriesLength)
    {
        if (EntriesLength != entriesLength)
        {
            RandomAccess.SetLength(_entries, entriesLength);
            EntriesLength = entriesLength;
        }

        if (IndexLength != entries * Slot)
        {
            RandomAccess.SetLength(_index, entries * Slot);
            IndexLength = entries * Slot;
        }

        SyncEntries();
        SyncIndex();
    }

    /// <summary>Writes one record (length prefix and bytes) into <paramref name="destination"/>; returns its size.</summary>
    public static int EncodeRecord(ReadOnlySpan<byte> entry, Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)entry.Length);
        entry.CopyTo(destination[Prefix..]);
        return Prefix + entry.Length;
    }

    /// <summary>Size of the record for an entry of <paramref name="entryLength"/> bytes.</summary>
    public static int RecordLength(int entryLength) => Prefix + entryLength;

    public void Dispose()
    {
        _entries.Dispose();
        _index.Dispose();
    }

    private static SafeFileHandle OpenFile(string path) =>
        File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

    private static void ReadExactly(SafeFileHandle handle, Span<byte> buffer, long offset, string what)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = RandomAccess.Read(handle, buffer[total..], offset + total);
            if (read == 0)
            {
                throw new LedgerCorruptedException($"The {what} ends before offset {offset + buffer.Length}.");
            }

            total += read;
        }
    }
}
