using System.Collections.Immutable;
using Credence.Core.Explanations;
using Credence.Core.Identifiers;
using Credence.Core.Records;
using Credence.Registry.Decisions;
using Credence.Registry.DueProcess;
using Credence.Registry.Storage;

namespace Credence.Registry.Subjects;

/// <summary>
/// A subject's file as of a request: every version of every record about it (what was believed,
/// and when), its assessment (score, grade, area subtotals, lists, measures, explanation and path
/// forward) under the policy active now, the decisions made about it, its listing history, and
/// who read or wrote what about it, when and for which purpose (this read included); and its due
/// process: disputes, repair applications, appeals, decisions found affected, case steps and notices.
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
    long ReadEventId)
{
    /// <summary>The subject's disputes, oldest first: state, deadline, and the source's answer with its reason.</summary>
    public ImmutableArray<StoredDispute> Disputes { get; init; } = [];

    /// <summary>The subject's repair applications, oldest first: granted, or refused with every unmet criterion.</summary>
    public ImmutableArray<RepairApplication> Repairs { get; init; } = [];

    /// <summary>The subject's appeals against refused repairs, with the reviewer's reasons.</summary>
    public ImmutableArray<StoredAppeal> Appeals { get; init; } = [];

    /// <summary>Decisions found affected by a withdrawn or corrected record, each with the relying party that received it.</summary>
    public ImmutableArray<DecisionMark> AffectedDecisions { get; init; } = [];

    /// <summary>Every step of the subject's disputes, repairs and appeals, newest first.</summary>
    public ImmutableArray<CaseStep> CaseSteps { get; init; } = [];

    /// <summary>The latest notices in the subject's inbox, newest first.</summary>
    public ImmutableArray<StoredNotice> LatestNotices { get; init; } = [];

    /// <summary>How many notices the inbox holds.</summary>
    public long NoticeCount { get; init; }

    /// <summary>The evidence files of the subject's disputes (without their bytes), by dispute and number.</summary>
    public ImmutableArray<DueProcess.Evidence.StoredEvidence> Evidence { get; init; } = [];
}
