using System.Collections.Immutable;
using Credence.Registry.Access;

namespace Credence.Registry.Storage;

/// <summary>A principal with its keys (ids and dates only: a key's value is never stored).</summary>
public sealed record PrincipalListing(Principal Principal, ImmutableArray<KeyInfo> Keys);
