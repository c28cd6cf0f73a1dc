namespace Credence.Core.Explanations;

/// <summary>
/// What the next grade up needs: <paramref name="PointsNeeded"/> more points, and, when expiries
/// alone get there, the instant they do.
/// </summary>
public sealed record NextGrade(string Grade, int PointsNeeded, DateTimeOffset? ReachedByExpiryAt);
