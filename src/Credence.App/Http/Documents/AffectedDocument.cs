using Credence.Registry.DueProcess;

namespace Credence.App.Http.Documents;

/// <summary>How a decision was found affected: when, why, and what the answer would have been without the wrong records.</summary>
internal sealed record AffectedDocument(DateTimeOffset MarkedAt, string Cause, string CorrectedOutcome, IReadOnlyList<string> WrongRecords)
{
    public static AffectedDocument From(DecisionMark mark) =>
        new(mark.MarkedAt, mark.Cause, mark.CorrectedAllowed ? "allowed" : "denied", mark.WrongRecords);
}
