namespace Credence.App.Http.Documents;

/// <summary>
/// A new share code: for <paramref name="RelyingParty"/> (a relying party's registered name; omit
/// for any relying party), expiring at <paramref name="ExpiresAt"/> or after <paramref name="ValidFor"/>
/// (a duration such as <c>30d</c>; at most 90 days either way), with an optional purpose.
/// </summary>
internal sealed record ShareRequestDocument(string? RelyingParty, DateTimeOffset? ExpiresAt, string? ValidFor, string? Purpose);
