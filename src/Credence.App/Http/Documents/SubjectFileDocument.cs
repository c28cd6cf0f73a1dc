using Credence.App.Output;
using Credence.Core.Identifiers;
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
    public static SubjectFileDocument From(SubjectFileView f) =>
        new(
            f.Subject.Value,
            f.Subject.Kind,
            f.AsOf,
            [.. f.Records.Select(RecordDocument.From)],
            f.Assessment is null ? null : AssessmentDocument.From(f.Assessment),
            f.Unassessed,
            [.. f.Decisions.Select(DecisionDocument.From)],
            [.. f.ListingHistory.Select(ListingDocument.From)],
            f.AccessLog);
}
