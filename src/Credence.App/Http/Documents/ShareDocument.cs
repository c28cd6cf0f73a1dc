using Credence.Registry.Sharing;

namespace Credence.App.Http.Documents;

/// <summary>A share as its subject lists it: never its code. <c>relyingParty</c> is absent for a share with any relying party.</summary>
internal sealed record ShareDocument(
    long Id,
    string? RelyingParty,
    bool AnyRelyingParty,
    string? Purpose,
    ShareStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt,
    long Uses,
    DateTimeOffset? LastUsedAt)
{
    public static ShareDocument From(Share s, DateTimeOffset now) =>
        new(s.Id, s.RelyingParty, s.RelyingParty is null, s.Purpose, s.StatusAt(now), s.CreatedAt, s.ExpiresAt, s.RevokedAt, s.Uses, s.LastUsedAt);
}
