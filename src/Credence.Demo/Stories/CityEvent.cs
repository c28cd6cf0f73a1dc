using System.Runtime.InteropServices;
using Credence.Demo.Catalogue;

namespace Credence.Demo.Stories;

/// <summary>
/// One record version before it is written out: instants as Unix seconds, the subject as an index.
/// The city keeps these compact, sorts them by time, and makes strings only as it hands records out.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal struct CityEvent
{
    // Implementation note: instants are held as unsigned 32-bit Unix seconds (good until 2106; the
    // generator accepts ends up to 2100) and amounts as 32-bit yuan, so an event takes 32 bytes and a
    // million of them 32 MB.
    private uint reported;
    private uint occurred;
    private uint anchor;
    private int quantity;

    /// <summary>Index of the person or organisation.</summary>
    public int Subject;

    /// <summary>The subject's running number of the record (its versions share it).</summary>
    public int Ordinal;

    /// <summary>The ordinal whose case or contract the legal basis cites: this record's, or the one it follows up.</summary>
    public int Reference;

    public TypeId Type;

    public SourceId Source;

    /// <summary>1 for the submission, 2 for its correction or withdrawal.</summary>
    public byte Version;

    private Flags flags;

    [Flags]
    private enum Flags : byte
    {
        None = 0,
        Withdrawn = 1,
        Revised = 2,
        Organisation = 4,
    }

    /// <summary>When the source reported this version (Unix seconds, UTC).</summary>
    public long Reported
    {
        readonly get => reported;
        set => reported = checked((uint)value);
    }

    /// <summary>When the fact happened (Unix seconds, UTC).</summary>
    public long Occurred
    {
        readonly get => occurred;
        set => occurred = checked((uint)value);
    }

    /// <summary>When the fact that the legal basis refers to happened: the first record of a chain.</summary>
    public long Anchor
    {
        readonly get => anchor;
        set => anchor = checked((uint)value);
    }

    /// <summary>Amount in yuan, or -1 for none.</summary>
    public long Quantity
    {
        readonly get => quantity;
        set => quantity = (int)Math.Clamp(value, -1, int.MaxValue);
    }

    /// <summary>For version 2: withdrawn rather than corrected.</summary>
    public bool Withdrawn
    {
        readonly get => (flags & Flags.Withdrawn) != 0;
        set => Set(Flags.Withdrawn, value);
    }

    /// <summary>For version 1: a version 2 follows (so its record id must be remembered).</summary>
    public bool Revised
    {
        readonly get => (flags & Flags.Revised) != 0;
        set => Set(Flags.Revised, value);
    }

    public bool IsOrganisation
    {
        readonly get => (flags & Flags.Organisation) != 0;
        set => Set(Flags.Organisation, value);
    }

    /// <summary>A key for the record across its versions, unique in the city.</summary>
    public readonly long ChainKey => ((IsOrganisation ? 1L : 0L) << 62) | ((long)Subject << 24) | (uint)Ordinal;

    private void Set(Flags flag, bool value) => flags = value ? flags | flag : flags & ~flag;
}
