using Credence.App.Output;
using Credence.Core.Identifiers;
using Credence.Registry.Disclosure;
using Credence.Registry.DueProcess;
using Credence.Registry.Policies;
using Credence.Registry.Subjects;

namespace Credence.App.Http.Documents;

/// <summary>
/// The free disclosure as JSON: the subject's whole file, with every notice (newest first) and its
/// due process in the same forms as the subject file and the inbox give them. It is also the input
/// of <c>credence score --disclosure</c>, which reproduces the file's outcomes from it; <c>policy</c>
/// names the version (and the digest of its exact text) the assessment comes from, <c>policies</c>
/// every version that has governed the subject's kind.
/// </summary>
internal sealed record DisclosureDocument(
    string Subject,
    SubjectKind Kind,
    DateTimeOffset AsOf,
    IReadOnlyList<RecordDocument> Records,
    object? Assessment,
    string? Unassessed,
    PublishedPolicy? Policy,
    IReadOnlyList<PublishedPolicy> Policies,
    IReadOnlyList<ScorePoint> ScoreHistory,
    IReadOnlyList<ListingDocument> Listings,
    IReadOnlyList<DecisionDocument> Decisions,
    IReadOnlyList<ConsentChangeDocument> Consent,
    IReadOnlyList<ShareDocument> Shares,
    IReadOnlyList<StoredNotice> Notices,
    IReadOnlyList<DisputeDocument> Disputes,
    IReadOnlyList<RepairDocument> Repairs,
    IReadOnlyList<AppealDocument> Appeals,
    IReadOnlyList<DecisionMark> AffectedDecisions,
    IReadOnlyList<CaseStepDocument> CaseSteps,
    IReadOnlyList<AccessEntry> AccessLog)
{
    public static DisclosureDocument From(DisclosureView d) =>
        new(
            d.Subject.Value,
            d.Subject.Kind,
            d.AsOf,
            [.. d.Records.Select(RecordDocument.From)],
            d.Assessment is null ? null : AssessmentDocument.From(d.Assessment),
            d.Unassessed,
            d.Policy,
            d.Policies,
            d.ScoreHistory,
            [.. d.Listings.Select(ListingDocument.From)],
            [.. d.Decisions.Select(x => DecisionDocument.From(x))],
            [.. d.Consent.Select(ConsentChangeDocument.From)],
            [.. d.Shares.Select(s => ShareDocument.From(s, d.AsOf))],
            d.Notices,
            [.. d.Disputes.Select(DisputeDocument.From)],
            [.. d.Repairs.Select(RepairDocument.From)],
            [.. d.Appeals.Select(AppealDocument.From)],
            d.AffectedDecisions,
            [.. d.CaseSteps.Select(CaseStepDocument.From)],
            d.AccessLog);
}
