namespace Credence.Registry.Storage;

/// <summary>
/// Listings on a list under a policy version that were in force at the end of every UTC day from
/// <see cref="First"/> up to, not including, <see cref="End"/> (both within the days asked for).
/// </summary>
public sealed record ListSpan(string PolicyTag, string List, DateOnly First, DateOnly End, long Listings);
