using Credence.Registry.Access;

namespace Credence.Registry.Subjects;

/// <summary>
/// One line of a subject's access log as the subject sees it: reads and refusals from the access
/// log, record writes from the records themselves, and decisions from the decisions.
/// </summary>
public sealed record AccessEntry(
    DateTimeOffset At,
    string Principal,
    string? Role,
    string Action,
    string? Purpose,
    AccessOutcome Outcome,
    string? Detail);
