using Credence.App.Output;
using Credence.Core.Identifiers;
using Credence.Registry.DueProcess;
using Credence.Registry.Subjects;

namespace Credence.App.Http.Documents;

/// <summary>A subject's file: records with their versions, the assessment (score, grade, subtotals, lists, measures, explanation, path forward), decisions, listing history and access log.</summary>
internal sealed record SubjectFileDocument(
    string Subject,
    SubjectKind Kind,
    DateTimeOffset AsOf,
    IReadOnlyList<RecordDocument> Records,
    object? Assessment,
    string? Unassessed,
    IReadOnlyList<DecisionDocument> Decisions,
    IReadOnlyList<ListingDocument> Listings,
    IReadOnlyList<AccessEntry> AccessLog)
{
    /// <summary>Disputes with state, deadline, answer and reason.</summary>
    public IReadOnlyList<DisputeDocument> Disputes { get; init; } = [];

    /// <summary>Repair applications, granted or refused with their unmet criteria.</summary>
    public IReadOnlyList<RepairDocument> Repairs { get; init; } = [];

    /// <summary>Appeals with the reviewer's reasons.</summary>
    public IReadOnlyList<AppealDocument> Appeals { get; init; } = [];

    /// <summary>Decisions found affected by a withdrawn or corrected record, with the relying party named.</summary>
    public IReadOnlyList<DecisionMark> AffectedDecisions { get; init; } = [];

    /// <summary>Every step of the disputes, repairs and appeals, newest first.</summary>
    public IReadOnlyList<CaseStepDocument> CaseSteps { get; init; } = [];

    /// <summary>The latest notices, newest first (the whole inbox is at /v1/me/notices).</summary>
    public IReadOnlyList<StoredNotice> Notices { get; init; } = [];

    public long NoticeCount { get; init; }

    public static SubjectFileDocument From(SubjectFileView f) =>
        new(
            f.Subject.Value,
            f.Subject.Kind,
            f.AsOf,
            [.. f.Records.Select(RecordDocument.From)],
            f.Assessment is null ? null : AssessmentDocument.From(f.Assessment),
            f.Unassessed,
            [.. f.Decisions.Select(x => DecisionDocument.From(x))],
            [.. f.ListingHistory.Select(ListingDocument.From)],
            f.AccessLog)
        {
            Disputes = [.. f.Disputes.Select(DisputeDocument.From)],
            Repairs = [.. f.Repairs.Select(RepairDocument.From)],
            Appeals = [.. f.Appeals.Select(AppealDocument.From)],
            AffectedDecisions = f.AffectedDecisions,
            CaseSteps = [.. f.CaseSteps.Select(CaseStepDocument.From)],
            Notices = f.LatestNotices,
            NoticeCount = f.NoticeCount,
        };
}
