using Credence.Core.Identifiers;

namespace Credence.Core.DueProcess;

/// <summary>A capability decision a relying party asked for and received, as the registry stored it.</summary>
/// <param name="Id">The registry's id for the decision (its receipt).</param>
/// <param name="RelyingParty">Who asked, and relied on the answer.</param>
/// <param name="DecidedAt">The instant the decision was made as of.</param>
/// <param name="Allowed">The answer given.</param>
/// <param name="PolicyVersion">The policy version that decided, e.g. <c>rongcheng-persons@2026.1</c>.</param>
public sealed record PastDecision(
    string Id,
    SubjectId Subject,
    string Capability,
    string RelyingParty,
    DateTimeOffset DecidedAt,
    bool Allowed,
    string PolicyVersion,
    bool Consent = true);
