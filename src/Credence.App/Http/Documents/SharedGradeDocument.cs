using Credence.Core.Identifiers;
using Credence.Core.Scoring;
using Credence.Registry.Sharing;

namespace Credence.App.Http.Documents;

/// <summary>What a relying party reads through a share code: grade, score status, current listings and the policy version; never records or reasons.</summary>
internal sealed record SharedGradeDocument(
    string Subject,
    SubjectKind Kind,
    DateTimeOffset AsOf,
    string PolicyVersion,
    ScoreStatus Status,
    string? Grade,
    IReadOnlyList<SharedListing> Listings,
    long ShareId,
    DateTimeOffset ExpiresAt,
    string? Purpose)
{
    public static SharedGradeDocument From(SharedGrade g) =>
        new(g.Subject, g.Kind, g.AsOf, g.PolicyVersion, g.Status, g.Grade,
            [.. g.Listings.Select(l => l with { Until = l.Until == DateTimeOffset.MaxValue ? null : l.Until })], g.ShareId, g.ExpiresAt, g.Purpose);
}
