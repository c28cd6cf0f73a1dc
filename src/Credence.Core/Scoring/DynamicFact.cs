using System.Runtime.InteropServices;

namespace Credence.Core.Scoring;

/// <summary>
/// A fact whose counted points depend on the instant itself (its type decays): all the scoring
/// loop reads for it, in one place.
/// </summary>
/// <remarks>
/// Implementation note: facts of one type all decay or all do not, so the facts a cap on a decaying
/// type looks back on decay too; <see cref="CapFrom"/> is an index into the subject's decaying facts,
/// not into all of its facts.
/// </remarks>
[StructLayout(LayoutKind.Sequential, Pack = 8)]
internal readonly struct DynamicFact : ITypedFact
{
    public readonly long Start;

    public readonly long Stop;

    public readonly long Occurred;

    public readonly long End;

    public readonly int Points;

    public readonly int CapPoints;

    public readonly int CapFrom;

    public readonly ushort Type;

    public readonly byte Flags;

    public DynamicFact(in HotFact hot, in Fact fact, int capPoints, int capFrom)
    {
        Start = hot.Start;
        Stop = hot.Stop;
        Occurred = fact.Occurred;
        End = hot.End;
        Points = hot.Points;
        CapPoints = capPoints;
        CapFrom = capFrom;
        Type = hot.Type;
        Flags = hot.Flags;
    }

    /// <inheritdoc />
    public ushort TypeIndex => Type;
}
