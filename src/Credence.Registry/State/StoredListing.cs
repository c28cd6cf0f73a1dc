namespace Credence.Registry.State;

/// <summary>A listing as the listings table keeps it: which list, whether published, and its term.</summary>
internal sealed record StoredListing(string List, bool Published, DateTimeOffset? Since, DateTimeOffset? Until);
