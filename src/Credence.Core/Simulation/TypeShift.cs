namespace Credence.Core.Simulation;

/// <summary>The points one record type counts for a subject before and after (zero where it counts nothing).</summary>
public sealed record TypeShift(string Type, int Before, int After)
{
    /// <summary>How far the type moved the score, in either direction.</summary>
    public int Size => Math.Abs(After - Before);
}
