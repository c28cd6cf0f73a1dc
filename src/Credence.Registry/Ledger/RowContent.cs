using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Credence.Core.Records;

namespace Credence.Registry.Ledger;

/// <summary>
/// How a stored row becomes a ledger entry: which columns are read (in a fixed order), how they are
/// digested, and which of them give the entry's non-identifying fields.
/// </summary>
/// <remarks>
/// Implementation note: the writer builds the entry from the column values its insert bound (the
/// tables are STRICT and the values are given as SQLite returns them: <see cref="long"/>, UTF-8 text
/// as <see cref="string"/>, null), so they are the row's stored values without reading it back;
/// <see cref="LedgerAudit"/> rebuilds the entry from the row as stored, with this one function. The
/// audit never trusts the writer's values: it recomputes from what is on disk, so an entry and its
/// row agree only if the row was stored as bound and not changed since (and a value that did not
/// store as bound would be reported, never hidden).
/// </remarks>
internal static class RowContent
{
    private const int StackLimit = 1024;

    private static readonly Dictionary<RecordAction, string> RecordActionNames =
        Enum.GetValues<RecordAction>().ToDictionary(a => a, a => "record." + a.ToString().ToLowerInvariant());

    /// <summary>The query for one row of <paramref name="kind"/> by its key (<c>$a</c>).</summary>
    public static string Select(EntryKind kind) => kind switch
    {
        EntryKind.RecordVersion =>
            "SELECT source, source_record_id, version, action, subject, type, area, occurred_at, reported_at, legal_basis, quantity, note FROM records WHERE id = $a",
        EntryKind.Decision =>
            "SELECT id, subject, principal_id, relying_party, purpose, measure, capability, allowed, reasons, measures, policy_tag, decided_at FROM decisions WHERE id = $a",
        EntryKind.AccessEvent =>
            "SELECT at, principal_id, principal, role, action, subject, purpose, outcome, detail FROM access_log WHERE id = $a",
        EntryKind.CaseStep =>
            "SELECT at, case_id, case_kind, step, actor_id, actor, subject, record, detail FROM case_steps WHERE id = $a",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The entry for a row's column values (as <see cref="Select"/> returns them).</summary>
    public static LedgerEntry Entry(EntryKind kind, string rowKey, object?[] values, ReadOnlySpan<byte> salt) =>
        Entry(kind, rowKey, values, salt, null);

    /// <summary>The entry for a row's column values, with the subject commitments taken from <paramref name="commit"/> (the writer's memory of them).</summary>
    public static LedgerEntry Entry(EntryKind kind, string rowKey, object?[] values, ReadOnlySpan<byte> salt, Func<string, byte[]>? commit)
    {
        var digest = Digest(kind, values);
        byte[] Subject(ReadOnlySpan<byte> key, string? subject) =>
            subject is null ? [] : commit is null ? Commit(key, subject) : commit(subject);

        return kind switch
        {
            EntryKind.RecordVersion => new LedgerEntry(kind, Instant(values[8]), rowKey, (string)values[0]!,
                RecordActionName((RecordAction)(long)values[3]!), string.Empty, Subject(salt, (string?)values[4]), digest),
            EntryKind.Decision => new LedgerEntry(kind, Instant(values[11]), rowKey, Number(values[2]),
                "decision." + (string)values[6]!, (string)values[10]!, Subject(salt, (string?)values[1]), digest),
            EntryKind.AccessEvent => new LedgerEntry(kind, Instant(values[0]), rowKey, values[1] is long id ? Number(id) : (string)values[2]!,
                (string)values[4]!, string.Empty, Subject(salt, (string?)values[5]), digest),
            EntryKind.CaseStep => new LedgerEntry(kind, Instant(values[0]), rowKey, values[4] is long actor ? Number(actor) : (string)values[5]!,
                (string)values[2]! + "." + (string)values[3]!, string.Empty, Subject(salt, (string?)values[6]), digest),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    /// <summary>The salted commitment to a subject id: SHA-256("credence-subject/v1" ‖ 0x00 ‖ salt ‖ UTF-8 id); empty for none.</summary>
    public static byte[] Commit(ReadOnlySpan<byte> salt, string? subject)
    {
        if (subject is null)
        {
            return [];
        }

        var label = "credence-subject/v1\0"u8;
        var length = label.Length + salt.Length + Encoding.UTF8.GetMaxByteCount(subject.Length);
        byte[]? rented = null;
        var input = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            label.CopyTo(input);
            salt.CopyTo(input[label.Length..]);
            var used = label.Length + salt.Length + Encoding.UTF8.GetBytes(subject, input[(label.Length + salt.Length)..]);
            return SHA256.HashData(input[..used]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// SHA-256 of the kind byte then each column: 0x00 for NULL, 0x01 and 8 big-endian bytes for an
    /// integer, 0x02 and a 4-byte big-endian length and UTF-8 for text, 0x03 and a length and bytes for a blob.
    /// </summary>
    /// <remarks>
    /// Implementation note: the whole input is laid out in one buffer (on the stack when small) and
    /// hashed at once: the same bytes as feeding the columns one by one, without a hash object or an
    /// encoded copy of each text per call.
    /// </remarks>
    public static byte[] Digest(EntryKind kind, object?[] values)
    {
        var most = 1;
        foreach (var value in values)
        {
            most += value switch
            {
                null or DBNull => 1,
                long => 9,
                string text => 5 + Encoding.UTF8.GetMaxByteCount(text.Length),
                byte[] blob => 5 + blob.Length,
                _ => throw new InvalidDataException($"a ledger row has a column of type {value.GetType().Name}"),
            };
        }

        byte[]? rented = null;
        var input = most <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(most));
        try
        {
            input[0] = (byte)kind;
            var at = 1;
            foreach (var value in values)
            {
                switch (value)
                {
                    case null or DBNull:
                        input[at++] = 0;
                        break;
                    case long number:
                        input[at] = 1;
                        BinaryPrimitives.WriteInt64BigEndian(input[(at + 1)..], number);
                        at += 9;
                        break;
                    case string text:
                        var length = Encoding.UTF8.GetBytes(text, input[(at + 5)..]);
                        Head(input[at..], 2, length);
                        at += 5 + length;
                        break;
                    case byte[] blob:
                        Head(input[at..], 3, blob.Length);
                        blob.CopyTo(input[(at + 5)..]);
                        at += 5 + blob.Length;
                        break;
                }
            }

            return SHA256.HashData(input[..at]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static void Head(Span<byte> destination, byte tag, int length)
    {
        destination[0] = tag;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], (uint)length);
    }

    /// <summary>
    /// <c>record.</c> and the action's lower-case name, the names made once (an enum's name is
    /// looked up by reflection each time otherwise).
    /// </summary>
    private static string RecordActionName(RecordAction action) =>
        RecordActionNames.TryGetValue(action, out var name) ? name : "record." + action.ToString().ToLowerInvariant();

    private static DateTimeOffset Instant(object? ticks) => new((long)ticks!, TimeSpan.Zero);

    private static string Number(object? value) => ((long)value!).ToString(CultureInfo.InvariantCulture);
}
