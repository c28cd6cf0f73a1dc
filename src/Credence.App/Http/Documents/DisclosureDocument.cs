using Credence.App.Output;
using Credence.Core.Identifiers;
using Credence.Registry.Disclosure;
using Credence.Registry.Subjects;

namespace Credence.App.Http.Documents;

/// <summary>
/// The free disclosure as JSON: the subject's whole file. Notices are added by the lead after
/// merging the due-process branch (a <c>Notices</c> member after <see cref="Shares"/>).
/// </summary>
internal sealed record DisclosureDocument(
    string Subject,
    SubjectKind Kind,
    DateTimeOffset AsOf,
    IReadOnlyList<RecordDocument> Records,
    object? Assessment,
    string? Unassessed,
    IReadOnlyList<ScorePoint> ScoreHistory,
    IReadOnlyList<ListingDocument> Listings,
    IReadOnlyList<DecisionDocument> Decisions,
    IReadOnlyList<ConsentChangeDocument> Consent,
    IReadOnlyList<ShareDocument> Shares,
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
            d.ScoreHistory,
            [.. d.Listings.Select(ListingDocument.From)],
            [.. d.Decisions.Select(DecisionDocument.From)],
            [.. d.Consent.Select(ConsentChangeDocument.From)],
            [.. d.Shares.Select(s => ShareDocument.From(s, d.AsOf))],
            d.AccessLog);
}
