using System.Collections.Immutable;

namespace Credence.Registry.Storage;

/// <summary>A page of a list's members and the list's total size.</summary>
public sealed record ListPage(ImmutableArray<ListingRow> Entries, long Total);
