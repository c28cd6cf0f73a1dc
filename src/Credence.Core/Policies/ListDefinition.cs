namespace Credence.Core.Policies;

/// <summary>A redlist or blacklist with its entry and exit conditions.</summary>
/// <param name="Published">Whether the public may look the list up (organisations, and persons only where the profile permits).</param>
public sealed record ListDefinition(
    string Id,
    string Name,
    string? Description,
    ListKind Kind,
    bool Published,
    ListEntry Entry,
    ListExit Exit);
