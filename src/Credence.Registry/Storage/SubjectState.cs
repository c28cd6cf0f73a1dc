using System.Collections.Immutable;
using Credence.Core.Identifiers;
using Credence.Core.Scoring;

namespace Credence.Registry.Storage;

/// <summary>
/// A subject's outcome as last computed (after its latest record, a policy change or a review):
/// what the operator's summary counts. Files and decisions never read it; they evaluate as of
/// the request.
/// </summary>
/// <param name="ReviewAt">The earliest instant at which the outcome may change without a new record.</param>
public sealed record SubjectState(
    string Subject,
    SubjectKind Kind,
    string PolicyTag,
    ScoreStatus Status,
    int? Score,
    string? Grade,
    ImmutableArray<string> Lists,
    DateTimeOffset EvaluatedAt,
    DateTimeOffset ReviewAt);
