using System.Collections.Immutable;

namespace Credence.Registry.DueProcess;

/// <summary>
/// A decision found affected: taken while a record that was later withdrawn or corrected counted,
/// and answered the other way without it. The relying party that received it is named.
/// </summary>
/// <param name="Cause">Why, e.g. <c>dispute 0190…: record court/Z-1 withdrawn</c>.</param>
/// <param name="CorrectedAllowed">The answer the decision would have had without the wrong records.</param>
/// <param name="WrongRecords">The withdrawn or corrected records behind the difference.</param>
public sealed record DecisionMark(
    Guid DecisionId,
    string Subject,
    DateTimeOffset MarkedAt,
    string Cause,
    string RelyingParty,
    bool CorrectedAllowed,
    ImmutableArray<string> WrongRecords);
