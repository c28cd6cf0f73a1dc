using System.Collections.Immutable;
using Credence.Core.Identifiers;
using Credence.Core.Scoring;

namespace Credence.Registry.Sharing;

/// <summary>
/// What a relying party sees through a share code, as of its use: the subject's grade, its score
/// status and current listings under the policy in force, and that policy's version. Never the
/// score's records, contributions or reasons: those would reveal the records.
/// </summary>
/// <param name="Subject">The subject that shared its grade (a relying party must know whose grade it reads).</param>
/// <param name="Status">Whether the subject is scored (a subject without consent under a policy that requires it has no grade).</param>
/// <param name="Grade">The grade, when there is one.</param>
/// <param name="ShareId">The share used.</param>
/// <param name="ExpiresAt">When the share stops working.</param>
public sealed record SharedGrade(
    string Subject,
    SubjectKind Kind,
    DateTimeOffset AsOf,
    string PolicyVersion,
    ScoreStatus Status,
    string? Grade,
    ImmutableArray<SharedListing> Listings,
    long ShareId,
    DateTimeOffset ExpiresAt,
    string? Purpose);
