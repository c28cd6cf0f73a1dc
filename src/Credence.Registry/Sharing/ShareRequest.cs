namespace Credence.Registry.Sharing;

/// <summary>What a subject asks for when it creates a share code.</summary>
/// <param name="RelyingParty">The name of the one relying party that may use the code; null or empty for any relying party.</param>
/// <param name="Purpose">What it is for, in the subject's words (at most 200 characters).</param>
/// <param name="ExpiresAt">When the code stops working; give this or <paramref name="ValidFor"/>.</param>
/// <param name="ValidFor">How long the code works from now, as a policy duration (<c>7d</c>, <c>1mo</c>); give this or <paramref name="ExpiresAt"/>.</param>
public sealed record ShareRequest(string? RelyingParty, string? Purpose, DateTimeOffset? ExpiresAt, string? ValidFor);
