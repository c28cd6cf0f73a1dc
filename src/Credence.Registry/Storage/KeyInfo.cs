namespace Credence.Registry.Storage;

/// <summary>An API key's id and dates.</summary>
public sealed record KeyInfo(long Id, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);
