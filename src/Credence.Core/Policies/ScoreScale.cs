namespace Credence.Core.Policies;

/// <summary>The score scale: every subject starts at <see cref="Base"/> and is clamped to [Min, Max].</summary>
public sealed record ScoreScale(int Base, int Min, int Max);
