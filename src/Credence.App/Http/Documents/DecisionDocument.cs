using Credence.Registry.Decisions;

namespace Credence.App.Http.Documents;

/// <summary>A decision as the relying party and the subject see it.</summary>
internal sealed record DecisionDocument(
    Guid DecisionId,
    string Subject,
    string Measure,
    string Capability,
    string Outcome,
    bool Allowed,
    IReadOnlyList<DecisionReason> Reasons,
    IReadOnlyList<string> Measures,
    string PolicyVersion,
    DateTimeOffset DecidedAt,
    string RelyingParty,
    string? Purpose)
{
    /// <summary>Set when the decision was found affected: it rested on a record since withdrawn, corrected or removed.</summary>
    public AffectedDocument? Affected { get; init; }

    public static DecisionDocument From(Decision d, Credence.Registry.DueProcess.DecisionMark? mark = null) =>
        new(d.Id, d.Subject, d.Measure, d.Capability, d.Allowed ? "allowed" : "denied", d.Allowed, d.Reasons, d.Measures, d.PolicyVersion, d.DecidedAt, d.RelyingParty, d.Purpose)
        {
            Affected = mark is null ? null : AffectedDocument.From(mark),
        };
}
