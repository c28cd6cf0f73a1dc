using Credence.Registry.Intake;

namespace Credence.App.Http.Documents;

/// <summary>The fate of one submitted line.</summary>
internal sealed record RecordFateDocument(int Line, FateKind Fate, string? Record, int? Version, ProblemDocument? Problem)
{
    public static RecordFateDocument From(RecordFate f) => new(f.Line, f.Fate, f.Record, f.Version, f.Problem is null ? null : ProblemDocument.From(f.Problem));
}
