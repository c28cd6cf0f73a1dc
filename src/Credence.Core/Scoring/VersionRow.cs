using System.Runtime.InteropServices;
using Credence.Core.Records;

namespace Credence.Core.Scoring;

/// <summary>
/// One record version of <see cref="RecordColumns"/>: everything about it that scoring may read
/// under any policy, with the instants as UTC ticks and the record type as a code into the
/// columns' own type names (a policy resolves the names to its catalogue once per batch).
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 8)]
internal readonly struct VersionRow
{
    public const byte WithdrawnFlag = 1;
    public const byte LegalBasisFlag = 2;
    public const byte QuantityFlag = 4;

    public readonly long Occurred;

    public readonly long Reported;

    /// <summary>When the next version of the same record was reported; <see cref="long.MaxValue"/> for the newest.</summary>
    public readonly long KnownUntil;

    /// <summary>When an open dispute on the record was opened; <see cref="long.MaxValue"/> when none is.</summary>
    public readonly long DisputedAt;

    /// <summary>When the earliest granted repair of the record takes effect; <see cref="long.MaxValue"/> when none.</summary>
    public readonly long RepairedAt;

    public readonly decimal Quantity;

    public readonly int TypeCode;

    /// <summary>The version's position in its subject's file (source, id, version order): breaks ties of occurrence.</summary>
    public readonly int Position;

    public readonly byte Area;

    public readonly byte Flags;

    public VersionRow(int typeCode, Area area, long occurred, long reported, long knownUntil, long disputedAt, long repairedAt, bool withdrawn, bool hasLegalBasis, decimal? quantity, int position)
    {
        TypeCode = typeCode;
        Area = (byte)area;
        Occurred = occurred;
        Reported = reported;
        KnownUntil = knownUntil;
        DisputedAt = disputedAt;
        RepairedAt = repairedAt;
        Quantity = quantity ?? 0m;
        Position = position;
        Flags = (byte)((withdrawn ? WithdrawnFlag : 0) | (hasLegalBasis ? LegalBasisFlag : 0) | (quantity is null ? 0 : QuantityFlag));
    }

    public decimal? QuantityOrNull => (Flags & QuantityFlag) != 0 ? Quantity : null;
}
