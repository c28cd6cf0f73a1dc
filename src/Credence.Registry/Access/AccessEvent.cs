namespace Credence.Registry.Access;

/// <summary>
/// One entry of the access log: who did what, when, about which subject and for which stated
/// purpose, and how it ended. Reads, refusals and administrative writes are logged as events;
/// record writes and decisions are logged by their own rows, and the subject file merges all three.
/// </summary>
/// <param name="Id">Store id (0 before it is stored).</param>
/// <param name="At">When, by the registry's clock.</param>
/// <param name="PrincipalId">The principal's store id; null when unknown (401) or local.</param>
/// <param name="Principal">The principal's name, <c>unknown</c> for a 401, <c>public</c> for public lookups.</param>
/// <param name="Role">The principal's role name, if any.</param>
/// <param name="Action">What was done, e.g. <c>subject.read</c>, <c>decision</c>, <c>policy.activate</c>.</param>
/// <param name="Subject">The subject concerned, if any.</param>
/// <param name="Purpose">The stated purpose, if any.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Detail">Anything else worth keeping (a refusal's reason).</param>
public sealed record AccessEvent(
    long Id,
    DateTimeOffset At,
    long? PrincipalId,
    string Principal,
    string? Role,
    string Action,
    string? Subject,
    string? Purpose,
    AccessOutcome Outcome,
    string? Detail)
{
    /// <summary>An event by a known principal.</summary>
    public static AccessEvent By(Principal principal, DateTimeOffset at, string action, string? subject, string? purpose, AccessOutcome outcome = AccessOutcome.Ok, string? detail = null) =>
        new(0, at, principal.IsStored ? principal.Id : null, principal.Name, principal.RoleName, action, subject, purpose ?? principal.Purpose, outcome, detail);
}
