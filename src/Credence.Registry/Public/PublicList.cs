using System.Collections.Immutable;
using Credence.Core.Policies;

namespace Credence.Registry.Public;

/// <summary>A page of a published list.</summary>
public sealed record PublicList(
    string List,
    string Name,
    ListKind Kind,
    ImmutableArray<string> PolicyVersions,
    DateTimeOffset AsOf,
    int Page,
    int PageSize,
    long Total,
    ImmutableArray<PublicListEntry> Entries);
