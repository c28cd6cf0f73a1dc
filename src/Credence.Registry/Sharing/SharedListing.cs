using Credence.Core.Policies;

namespace Credence.Registry.Sharing;

/// <summary>A list a subject is on, as a share code shows it: which list and since and until when, never the records that hold it there.</summary>
public sealed record SharedListing(string List, string Name, ListKind Kind, DateTimeOffset? Since, DateTimeOffset? Until);
