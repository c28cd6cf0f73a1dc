using Credence.Core.Intake;

namespace Credence.App.Http.Documents;

/// <summary>A line's problem inside a batch answer, typed like a top-level problem.</summary>
internal sealed record ProblemDocument(string Type, string? Field, string Detail)
{
    public static ProblemDocument From(IntakeProblem p) => new(ApiProblems.TypePrefix + p.Type, p.Field.Length == 0 ? null : p.Field, p.Message);
}
