namespace Credence.Core.Policies;

/// <summary>
/// A cap on how much one record type may move a score: records of the type that count at the
/// as-of instant are taken in order of occurrence, and each contributes only what keeps the total
/// magnitude of the type's contributions that occurred within <see cref="Window"/> before it at
/// most <see cref="Points"/>.
/// </summary>
public sealed record PointCap(int Points, PolicyDuration Window);
