using Credence.Registry.Access;

namespace Credence.Registry.Principals;

/// <summary>A portal session opened with a key: the principal, and the handle that names the key without being it (its stored hash, hex).</summary>
public sealed record KeySession(Principal Principal, string Handle);
