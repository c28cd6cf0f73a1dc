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
/// Implementation note: the writer builds the entry from the row as read back inside its own
/// transaction, and <see cref="LedgerAudit"/> rebuilds it from the row as stored, with this one
/// function: an entry and its row can only agree if the row was not changed since.
/// </remarks>
internal static class RowContent
{
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
    public static LedgerEntry Entry(EntryKind kind, string rowKey, object?[] values, ReadOnlySpan<byte> salt)
    {
        var digest = Digest(kind, values);
        return kind switch
        {
            EntryKind.RecordVersion => new LedgerEntry(kind, Instant(values[8]), rowKey, (string)values[0]!,
                "record." + ((RecordAction)(long)values[3]!).ToString().ToLowerInvariant(), string.Empty, Commit(salt, (string?)values[4]), digest),
            EntryKind.Decision => new LedgerEntry(kind, Instant(values[11]), rowKey, Number(values[2]),
                "decision." + (string)values[6]!, (string)values[10]!, Commit(salt, (string?)values[1]), digest),
            EntryKind.AccessEvent => new LedgerEntry(kind, Instant(values[0]), rowKey, values[1] is long id ? Number(id) : (string)values[2]!,
                (string)values[4]!, string.Empty, Commit(salt, (string?)values[5]), digest),
            EntryKind.CaseStep => new LedgerEntry(kind, Instant(values[0]), rowKey, values[4] is long actor ? Number(actor) : (string)values[5]!,
                (string)values[2]! + "." + (string)values[3]!, string.Empty, Commit(salt, (string?)values[6]), digest),
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
        var text = Encoding.UTF8.GetBytes(subject);
        var input = new byte[label.Length + salt.Length + text.Length];
        label.CopyTo(input);
        salt.CopyTo(input.AsSpan(label.Length));
        text.CopyTo(input, label.Length + salt.Length);
        return SHA256.HashData(input);
    }

    /// <summary>
    /// SHA-256 of the kind byte then each column: 0x00 for NULL, 0x01 and 8 big-endian bytes for an
    /// integer, 0x02 and a 4-byte big-endian length and UTF-8 for text, 0x03 and a length and bytes for a blob.
    /// </summary>
    public static byte[] Digest(EntryKind kind, object?[] values)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([(byte)kind]);
        Span<byte> head = stackalloc byte[9];
        foreach (var value in values)
        {
            switch (value)
            {
                case null or DBNull:
                    hash.AppendData([0]);
                    break;
                case long number:
                    head[0] = 1;
                    BinaryPrimitives.WriteInt64BigEndian(head[1..], number);
                    hash.AppendData(head);
                    break;
                case string text:
                    AppendBytes(hash, 2, Encoding.UTF8.GetBytes(text));
                    break;
                case byte[] blob:
                    AppendBytes(hash, 3, blob);
                    break;
                default:
                    throw new InvalidDataException($"a ledger row has a column of type {value.GetType().Name}");
            }
        }

        return hash.GetHashAndReset();
    }

    private static void AppendBytes(IncrementalHash hash, byte tag, byte[] bytes)
    {
        Span<byte> head = stackalloc byte[5];
        head[0] = tag;
        BinaryPrimitives.WriteUInt32BigEndian(head[1..], (uint)bytes.Length);
        hash.AppendData(head);
        hash.AppendData(bytes);
    }

    private static DateTimeOffset Instant(object? ticks) => new((long)ticks!, TimeSpan.Zero);

    private static string Number(object? value) => ((long)value!).ToString(CultureInfo.InvariantCulture);
}
