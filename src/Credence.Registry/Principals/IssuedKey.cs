using Credence.Registry.Access;

namespace Credence.Registry.Principals;

/// <summary>A newly issued key: the only time its value exists outside the client.</summary>
public sealed record IssuedKey(Principal Principal, long KeyId, string Key, DateTimeOffset CreatedAt);
