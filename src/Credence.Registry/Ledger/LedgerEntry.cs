using System.Buffers.Binary;
using System.Text;

namespace Credence.Registry.Ledger;

/// <summary>
/// One ledger entry in its canonical byte form (see README.md in this folder): it commits to a stored
/// row by digest and carries only non-identifying fields; the subject appears only as a salted commitment.
/// </summary>
/// <param name="Kind">What the entry covers.</param>
/// <param name="At">The row's instant (UTC ticks in the byte form).</param>
/// <param name="RowKey">The row's key (see <see cref="LedgeredRow.RowKey"/>): source/record id/version, a decision id, an access event's or a case step's id.</param>
/// <param name="Actor">Who acted: the source, or the principal's id (its name when it has none: <c>public</c>, <c>unknown</c>).</param>
/// <param name="Action">What was done, e.g. <c>record.submitted</c>, <c>decision.g-train</c>, <c>subject.read</c>.</param>
/// <param name="PolicyTag">The policy version that produced a decision; empty otherwise.</param>
/// <param name="SubjectCommitment">SHA-256 of the salted subject id (32 bytes), or empty when no subject is concerned.</param>
/// <param name="ContentDigest">SHA-256 of the row's canonical content (32 bytes).</param>
public sealed record LedgerEntry(
    EntryKind Kind,
    DateTimeOffset At,
    string RowKey,
    string Actor,
    string Action,
    string PolicyTag,
    ReadOnlyMemory<byte> SubjectCommitment,
    ReadOnlyMemory<byte> ContentDigest)
{
    /// <summary>The format version the registry writes, the first byte of every entry it appends.</summary>
    public const byte FormatVersion = 2;

    /// <summary>The format version of this entry: <see cref="FormatVersion"/>, or 1 for an entry read back from a ledger written before version 2 (whose record row keys were SQLite row ids and whose content digests were of SQLite's column values).</summary>
    public byte Format { get; init; } = FormatVersion;

    /// <summary>The canonical bytes: version, kind, 8-byte big-endian UTC ticks, then six length-prefixed fields.</summary>
    public byte[] ToBytes()
    {
        var utf8 = Encoding.UTF8;
        var bytes = new byte[10 + (6 * 4) + utf8.GetByteCount(RowKey) + utf8.GetByteCount(Actor) + utf8.GetByteCount(Action)
            + utf8.GetByteCount(PolicyTag) + SubjectCommitment.Length + ContentDigest.Length];
        bytes[0] = Format;
        bytes[1] = (byte)Kind;
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(2), At.UtcTicks);
        var rest = bytes.AsSpan(10);
        Text(ref rest, RowKey);
        Text(ref rest, Actor);
        Text(ref rest, Action);
        Text(ref rest, PolicyTag);
        Field(ref rest, SubjectCommitment.Span);
        Field(ref rest, ContentDigest.Span);
        return bytes;
    }

    /// <summary>Reads the canonical bytes back.</summary>
    /// <exception cref="FormatException">The bytes are not a version-1 or version-2 entry.</exception>
    public static LedgerEntry Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 10 || bytes[0] is not (1 or FormatVersion) || !Enum.IsDefined((EntryKind)bytes[1]))
        {
            throw new FormatException("not a version-1 or version-2 Credence ledger entry");
        }

        var kind = (EntryKind)bytes[1];
        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes[2..]);
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            throw new FormatException("the entry's instant is out of range");
        }

        var rest = bytes[10..];
        var fields = new byte[6][];
        for (var i = 0; i < fields.Length; i++)
        {
            if (rest.Length < 4 || BinaryPrimitives.ReadUInt32BigEndian(rest) > (uint)(rest.Length - 4))
            {
                throw new FormatException("the entry is truncated");
            }

            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(rest);
            fields[i] = rest.Slice(4, length).ToArray();
            rest = rest[(4 + length)..];
        }

        if (!rest.IsEmpty)
        {
            throw new FormatException("the entry has trailing bytes");
        }

        return new LedgerEntry(kind, new DateTimeOffset(ticks, TimeSpan.Zero), Text(fields[0]), Text(fields[1]), Text(fields[2]), Text(fields[3]), fields[4], fields[5]) { Format = bytes[0] };
    }

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    private static void Text(ref Span<byte> destination, string text)
    {
        var length = Encoding.UTF8.GetBytes(text, destination[4..]);
        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)length);
        destination = destination[(4 + length)..];
    }

    private static void Field(ref Span<byte> destination, ReadOnlySpan<byte> field)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)field.Length);
        field.CopyTo(destination[4..]);
        destination = destination[(4 + field.Length)..];
    }
}
