using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Credence.Core.Records;

namespace Credence.Registry.Ledger;

/// <summary>
/// How a covered row becomes its ledger entry (format version 2): the entry's fields and the digest of
/// the row's canonical content, both from the domain object, so the same history gives the same
/// entries on any store. The writer (through <see cref="LedgerAppender"/>) and the audit use this one
/// function. The byte layout is in README.md beside this file.
/// </summary>
/// <remarks>
/// Implementation note: values are encoded by what they are, never by how a database returns them:
/// an instant as its UTC ticks, an integer or an enumeration's code as 8 big-endian bytes, a decimal
/// as its shortest invariant text, text as UTF-8; each value is tagged, so no two rows share an encoding.
/// </remarks>
public static class EntryContent
{
    private const int StackLimit = 1024;

    private const byte Absent = 0x00;
    private const byte Integer = 0x01;
    private const byte Text = 0x02;
    private const byte Instant = 0x04;
    private const byte Decimal = 0x05;
    private const byte List = 0x06;

    private static readonly Dictionary<RecordAction, string> RecordActionNames =
        Enum.GetValues<RecordAction>().ToDictionary(a => a, a => "record." + a.ToString().ToLowerInvariant());

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? buffer;

    /// <summary>The entry for <paramref name="row"/>.</summary>
    public static LedgerEntry Entry(LedgeredRow row, ReadOnlySpan<byte> salt) => Entry(row, salt, null);

    /// <summary>The entry for <paramref name="row"/>, with subject commitments taken from <paramref name="commit"/> (the writer's memory of them) when given.</summary>
    public static LedgerEntry Entry(LedgeredRow row, ReadOnlySpan<byte> salt, Func<string, byte[]>? commit)
    {
        ArgumentNullException.ThrowIfNull(row);
        var digest = Digest(row);
        byte[] Subject(ReadOnlySpan<byte> key, string? subject) =>
            subject is null ? [] : commit is null ? Commit(key, subject) : commit(subject);

        return row switch
        {
            LedgeredRow.RecordVersion r => new LedgerEntry(EntryKind.RecordVersion, r.Stored.ReportedAt, r.RowKey, r.Key.Source,
                RecordActionName(r.Stored.Action), string.Empty, Subject(salt, r.Stored.Subject), digest),
            LedgeredRow.Decision { Value: var d } => new LedgerEntry(EntryKind.Decision, d.DecidedAt, row.RowKey, Number(d.PrincipalId),
                "decision." + d.Capability, d.PolicyVersion, Subject(salt, d.Subject), digest),
            LedgeredRow.AccessEvent { Value: var e } => new LedgerEntry(EntryKind.AccessEvent, e.At, row.RowKey, e.PrincipalId is { } id ? Number(id) : e.Principal,
                e.Action, string.Empty, Subject(salt, e.Subject), digest),
            LedgeredRow.CaseStep { Value: var s } => new LedgerEntry(EntryKind.CaseStep, s.At, row.RowKey, s.ActorId is { } actor ? Number(actor) : s.Actor,
                s.CaseKind + "." + s.Step, string.Empty, Subject(salt, s.Subject), digest),
            _ => throw new ArgumentOutOfRangeException(nameof(row)),
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

    /// <summary>SHA-256 of the row's canonical content: the kind byte, then its fields in the order README.md gives.</summary>
    public static byte[] Digest(LedgeredRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var w = buffer ??= new ArrayBufferWriter<byte>(StackLimit);
        w.ResetWrittenCount();
        w.Write([(byte)row.Kind]);
        switch (row)
        {
            case LedgeredRow.RecordVersion r:
                Put(w, r.Key.Source);
                Put(w, r.Key.SourceRecordId);
                Put(w, (long)r.Version);
                Put(w, (long)r.Stored.Action);
                Put(w, r.Stored.Subject);
                Put(w, r.Stored.Type);
                Put(w, (long)r.Stored.Area);
                Put(w, r.Stored.OccurredAt);
                Put(w, r.Stored.ReportedAt);
                Put(w, r.Stored.LegalBasis);
                Put(w, r.Stored.Quantity);
                Put(w, r.Stored.Note);
                break;
            case LedgeredRow.Decision { Value: var d }:
                Put(w, d.Id.ToString("D"));
                Put(w, d.Subject);
                Put(w, d.PrincipalId);
                Put(w, d.RelyingParty);
                Put(w, d.Purpose);
                Put(w, d.Measure);
                Put(w, d.Capability);
                Put(w, (long)d.Answer);
                var reasons = d.Reasons.IsDefault ? [] : d.Reasons;
                Count(w, reasons.Length);
                foreach (var reason in reasons)
                {
                    Put(w, reason.Code);
                    Put(w, reason.Text);
                    Texts(w, reason.Records);
                }

                Texts(w, d.Measures);
                Put(w, d.PolicyVersion);
                Put(w, d.DecidedAt);
                var forward = d.Forward.IsDefault ? [] : d.Forward;
                Count(w, forward.Length);
                foreach (var step in forward)
                {
                    Put(w, step.Code);
                    Put(w, step.Text);
                    Put(w, step.At);
                }

                break;
            case LedgeredRow.AccessEvent { Value: var e }:
                Put(w, e.At);
                Put(w, e.PrincipalId);
                Put(w, e.Principal);
                Put(w, e.Role);
                Put(w, e.Action);
                Put(w, e.Subject);
                Put(w, e.Purpose);
                Put(w, (long)e.Outcome);
                Put(w, e.Detail);
                break;
            case LedgeredRow.CaseStep { Value: var s }:
                Put(w, s.At);
                Put(w, s.CaseId);
                Put(w, s.CaseKind);
                Put(w, s.Step);
                Put(w, s.ActorId);
                Put(w, s.Actor);
                Put(w, s.Subject);
                Put(w, s.Record);
                Put(w, s.Detail);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(row));
        }

        var digest = SHA256.HashData(w.WrittenSpan);
        if (w.Capacity > 1 << 20)
        {
            // One huge row (a long decision) does not keep its buffer for the thread's life.
            buffer = null;
        }

        return digest;
    }

    /// <summary>A decimal's canonical text: invariant, no exponent, no trailing fractional zeros, no '-' on zero (1.50 and 1.5 are one amount).</summary>
    public static string DecimalText(decimal value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        if (text.Contains('.', StringComparison.Ordinal))
        {
            text = text.TrimEnd('0').TrimEnd('.');
        }

        return text is "-0" ? "0" : text;
    }

    private static void Put(ArrayBufferWriter<byte> w, string? text)
    {
        if (text is null)
        {
            w.Write([Absent]);
            return;
        }

        var span = w.GetSpan(5 + Encoding.UTF8.GetMaxByteCount(text.Length));
        var length = Encoding.UTF8.GetBytes(text, span[5..]);
        span[0] = Text;
        BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)length);
        w.Advance(5 + length);
    }

    private static void Put(ArrayBufferWriter<byte> w, long? number)
    {
        if (number is not { } n)
        {
            w.Write([Absent]);
            return;
        }

        var span = w.GetSpan(9);
        span[0] = Integer;
        BinaryPrimitives.WriteInt64BigEndian(span[1..], n);
        w.Advance(9);
    }

    private static void Put(ArrayBufferWriter<byte> w, DateTimeOffset? instant)
    {
        if (instant is not { } at)
        {
            w.Write([Absent]);
            return;
        }

        var span = w.GetSpan(9);
        span[0] = Instant;
        BinaryPrimitives.WriteInt64BigEndian(span[1..], at.UtcTicks);
        w.Advance(9);
    }

    private static void Put(ArrayBufferWriter<byte> w, decimal? amount)
    {
        if (amount is not { } value)
        {
            w.Write([Absent]);
            return;
        }

        var text = DecimalText(value);
        var span = w.GetSpan(5 + text.Length);
        span[0] = Decimal;
        BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)text.Length);
        Encoding.ASCII.GetBytes(text, span[5..]);
        w.Advance(5 + text.Length);
    }

    private static void Count(ArrayBufferWriter<byte> w, int count)
    {
        var span = w.GetSpan(5);
        span[0] = List;
        BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)count);
        w.Advance(5);
    }

    private static void Texts(ArrayBufferWriter<byte> w, ImmutableArray<string> texts)
    {
        var items = texts.IsDefault ? [] : texts;
        Count(w, items.Length);
        foreach (var text in items)
        {
            Put(w, text);
        }
    }

    private static string RecordActionName(RecordAction action) =>
        RecordActionNames.TryGetValue(action, out var name) ? name : "record." + action.ToString().ToLowerInvariant();

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
