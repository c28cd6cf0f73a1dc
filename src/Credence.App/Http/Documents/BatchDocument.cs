using Credence.Registry.Intake;

namespace Credence.App.Http.Documents;

/// <summary>The answer to a batch: counts and every line's fate.</summary>
internal sealed record BatchDocument(int Accepted, int Duplicates, int Rejected, IReadOnlyList<RecordFateDocument> Fates)
{
    public static BatchDocument From(BatchResult b) => new(b.Accepted, b.Duplicates, b.Rejected, [.. b.Fates.Select(RecordFateDocument.From)]);
}
