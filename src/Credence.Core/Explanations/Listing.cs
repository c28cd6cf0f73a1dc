using System.Collections.Immutable;
using Credence.Core.Policies;
using Credence.Core.Records;

namespace Credence.Core.Explanations;

/// <summary>A list the subject is on at the as-of instant.</summary>
/// <param name="Since">When the earliest holding record became known (record-based lists).</param>
/// <param name="Until">When the listing ends if nothing changes (term or effect end); null when it lasts while conditions hold.</param>
/// <param name="Records">The records that hold the subject on the list.</param>
/// <param name="Basis">Why, in words.</param>
public sealed record Listing(
    string List,
    string Name,
    ListKind Kind,
    bool Published,
    DateTimeOffset? Since,
    DateTimeOffset? Until,
    ImmutableArray<RecordKey> Records,
    string Basis);
