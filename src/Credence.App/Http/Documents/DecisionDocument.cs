using Credence.Registry.Decisions;

namespace Credence.App.Http.Documents;

/// <summary>
/// A decision as the relying party and the subject see it. <c>outcome</c> is <c>allowed</c>,
/// <c>denied</c> (a restriction: an adverse action) or <c>not-granted</c> (a benefit only a grant
/// gives: explained, with the path forward in <c>forward</c>, but not an adverse action).
/// </summary>
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
    string? Purpose,
    IReadOnlyList<Credence.Core.Explanations.ForwardStep> Forward)
{
    /// <summary>Set when the decision was found affected: it rested on a record since withdrawn, corrected or removed.</summary>
    public AffectedDocument? Affected { get; init; }

    public static DecisionDocument From(Decision d, Credence.Registry.DueProcess.DecisionMark? mark = null) =>
        new(d.Id, d.Subject, d.Measure, d.Capability, OutcomeOf(d), d.Allowed, d.Reasons, d.Measures, d.PolicyVersion, d.DecidedAt, d.RelyingParty, d.Purpose, d.Forward)
        {
            Affected = mark is null ? null : AffectedDocument.From(mark),
        };

    /// <summary>The decision's answer as a word.</summary>
    public static string OutcomeOf(Decision d) => d.Answer switch
    {
        Credence.Core.Explanations.DecisionAnswer.Allowed => "allowed",
        Credence.Core.Explanations.DecisionAnswer.NotGranted => "not-granted",
        _ => "denied",
    };
}
