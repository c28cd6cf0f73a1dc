namespace Credence.Registry.Storage;

/// <summary>
/// One listing of a subject on a list under one policy version: open while <see cref="EndedAt"/>
/// is null and <see cref="Until"/> is in the future. Ended listings stay as history.
/// </summary>
public sealed record ListingRow(
    long Id,
    string Subject,
    string List,
    string PolicyTag,
    bool Published,
    DateTimeOffset? Since,
    DateTimeOffset? Until,
    DateTimeOffset? EndedAt);
