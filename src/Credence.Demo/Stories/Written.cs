namespace Credence.Demo.Stories;

/// <summary>What became of a record a story wrote: whether it was reported by the end, and withdrawn.</summary>
/// <param name="Ordinal">The subject's running number of the record.</param>
/// <param name="Occurred">When the fact happened (Unix seconds).</param>
/// <param name="Reported">When it was reported (Unix seconds), or -1 when not by the city's end.</param>
/// <param name="Withdrawn">Whether the source withdrew it later.</param>
internal readonly record struct Written(int Ordinal, long Occurred, long Reported, bool Withdrawn)
{
    /// <summary>Nothing was written: the fact falls outside the city's time or was not reported by its end.</summary>
    public static Written None { get; } = new(-1, -1, -1, false);

    /// <summary>Reported and not withdrawn: something may follow it up.</summary>
    public bool Stands => Reported >= 0 && !Withdrawn;
}
