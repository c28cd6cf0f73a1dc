using System.Runtime.InteropServices;

namespace Credence.Core.Scoring;

/// <summary>
/// The 32 bytes of a fact that the scoring loop reads: when it counts, its points, and two flags.
/// Everything else about the fact lives in the colder <see cref="Fact"/> array beside it.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 8)]
internal readonly struct HotFact : ITypedFact
{
    public const byte DecaysFlag = 1;
    public const byte CappedFlag = 2;

    /// <summary>First instant it counts.</summary>
    public readonly long Start;

    /// <summary>First instant it no longer counts: the earliest of effect end, supersession, withdrawal, repair or dispute.</summary>
    public readonly long Stop;

    /// <summary>Effect end by the policy (decay runs to here).</summary>
    public readonly long End;

    public readonly int Points;

    public readonly ushort Type;

    public readonly byte Flags;

    public HotFact(in Fact fact, in CompiledRecordType type)
    {
        Start = fact.Start;
        Stop = Math.Min(fact.End, fact.Cut);
        End = fact.End;
        Points = fact.Points;
        Type = (ushort)fact.Type;
        Flags = (byte)((type.Decays ? DecaysFlag : 0) | (type.Capped ? CappedFlag : 0));
    }

    /// <inheritdoc />
    public ushort TypeIndex => Type;
}
