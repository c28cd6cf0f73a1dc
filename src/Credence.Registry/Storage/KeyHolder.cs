using Credence.Registry.Access;

namespace Credence.Registry.Storage;

/// <summary>A stored API key (by id, never by value) and the principal it belongs to.</summary>
public sealed record KeyHolder(long KeyId, Principal Principal, DateTimeOffset? RevokedAt);
