using System.Collections.Immutable;
using Credence.Core.Explanations;
using Credence.Core.Identifiers;
using Credence.Core.Records;
using Credence.Registry.Decisions;
using Credence.Registry.Storage;

namespace Credence.Registry.Subjects;

/// <summary>
/// A subject's file as of a request: every version of every record about it (what was believed,
/// and when), its assessment (score, grade, area subtotals, lists, measures, explanation and path
/// forward) under the policy active now, the decisions made about it, its listing history, and
/// who read or wrote what about it, when and for which purpose (this read included).
/// </summary>
/// <param name="Unassessed">Why there is no assessment (no policy active for the subject's kind), when there is none.</param>
/// <param name="ReadEventId">The id of the access event that logged this read (its ledger entry is the read's receipt).</param>
public sealed record SubjectFileView(
    SubjectId Subject,
    DateTimeOffset AsOf,
    ImmutableArray<Record> Records,
    Assessment? Assessment,
    string? Unassessed,
    ImmutableArray<Decision> Decisions,
    ImmutableArray<ListingRow> ListingHistory,
    ImmutableArray<AccessEntry> AccessLog,
    long ReadEventId);
