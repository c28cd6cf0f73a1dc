namespace Credence.Registry.Sharing;

/// <summary>
/// A share code a subject created for its grade, as stored and as the subject lists it: never the
/// code itself, which is shown once when created and kept only as its SHA-256 hash.
/// </summary>
/// <param name="Id">Store id (0 before it is stored).</param>
/// <param name="Subject">The subject whose grade the code shows.</param>
/// <param name="RelyingParty">The one relying party that may use the code; null for any relying party.</param>
/// <param name="Purpose">What the subject shares it for, in its own words (e.g. "flat at 12 Elm Road").</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="ExpiresAt">The first instant at which it no longer works.</param>
/// <param name="RevokedAt">When the subject revoked it, if it did.</param>
/// <param name="Uses">How many times it was used successfully.</param>
/// <param name="LastUsedAt">When it was last used successfully.</param>
public sealed record Share(
    long Id,
    string Subject,
    string? RelyingParty,
    string? Purpose,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt,
    long Uses,
    DateTimeOffset? LastUsedAt)
{
    /// <summary>Whether the code works at <paramref name="at"/>: revoked wins over expired.</summary>
    public ShareStatus StatusAt(DateTimeOffset at) =>
        RevokedAt is { } revoked && revoked <= at ? ShareStatus.Revoked
        : ExpiresAt <= at ? ShareStatus.Expired
        : ShareStatus.Active;
}
