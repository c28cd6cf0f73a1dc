namespace Credence.Core.Scoring;

/// <summary>
/// One record version compiled against one policy for fast scoring. All instants are UTC ticks.
/// A fact counts at an as-of instant t when <c>Start &lt;= t &lt; End</c> and <c>t &lt; Cut</c>.
/// </summary>
/// <remarks>
/// Implementation note: everything that needs the calendar (expiry, cap windows) is worked out once
/// when the file is compiled, so the scoring loop is integer comparisons and additions only.
/// </remarks>
internal readonly struct Fact
{
    /// <summary>Index of the record type in the compiled policy.</summary>
    public readonly int Type;

    /// <summary>Points the record carries before decay and caps.</summary>
    public readonly int Points;

    /// <summary>When the fact occurred.</summary>
    public readonly long Occurred;

    /// <summary>When it starts counting: its occurrence, or its report if that came later.</summary>
    public readonly long Start;

    /// <summary>When its effect ends by the policy (occurrence plus the type's lasting period).</summary>
    public readonly long End;

    /// <summary>When it stopped being believed or counting for another reason: superseded, withdrawn, repaired or disputed. <see cref="long.MaxValue"/> if never.</summary>
    public readonly long Cut;

    /// <summary>When the fact stopped being believed (superseded or withdrawn); <see cref="long.MaxValue"/> if never. Disputes and repairs don't end belief.</summary>
    public readonly long KnownUntil;

    /// <summary>For capped types: the start of the cap window that ends at this fact's occurrence.</summary>
    public readonly long CapWindowStart;

    /// <summary>For capped types: the index of the first fact (in occurrence order) inside the cap window; set once the facts are sorted.</summary>
    public readonly int CapFrom;

    /// <summary>Index of the record version in the subject file.</summary>
    public readonly int Version;

    /// <summary>True when the record states a legal basis.</summary>
    public readonly bool HasLegalBasis;

    public Fact(int type, int points, long occurred, long start, long end, long cut, long knownUntil, long capWindowStart, int version, bool hasLegalBasis)
    {
        Type = type;
        Points = points;
        Occurred = occurred;
        Start = start;
        End = end;
        Cut = cut;
        KnownUntil = knownUntil;
        CapWindowStart = capWindowStart;
        Version = version;
        HasLegalBasis = hasLegalBasis;
    }

    private Fact(in Fact fact, int capFrom)
    {
        this = fact;
        CapFrom = capFrom;
    }

    /// <summary>This fact with <see cref="CapFrom"/> set.</summary>
    public Fact WithCapFrom(int capFrom) => new(this, capFrom);

    /// <summary>True when the fact counts towards the score at <paramref name="t"/>.</summary>
    public bool CountsAt(long t) => t >= Start && t < End && t < Cut;

    /// <summary>True when the fact is known and believed at <paramref name="t"/>, whether or not its effect has ended.</summary>
    public bool KnownAt(long t) => t >= Start && t < KnownUntil;
}
