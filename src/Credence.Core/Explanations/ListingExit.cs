using System.Collections.Immutable;

namespace Credence.Core.Explanations;

/// <summary>How a listing can end: at <paramref name="EndsAt"/> by itself, or earlier on a record of <paramref name="EndsOnRecordOf"/>.</summary>
public sealed record ListingExit(string List, DateTimeOffset? EndsAt, ImmutableArray<string> EndsOnRecordOf);
