using Credence.Registry.Storage;

namespace Credence.Registry.Access;

/// <summary>
/// Writes the access log: every read of a subject, every refusal (401 and 403) and every
/// administrative act. An event is durable before the call returns, so nothing is answered before
/// its trace exists (promise 5).
/// </summary>
public sealed class AccessRecorder(IRegistryStore store, TimeProvider clock)
{
    /// <summary>Stores an event durably and returns its id.</summary>
    public Task<long> RecordAsync(AccessEvent accessEvent, CancellationToken cancellationToken = default) =>
        store.WriteAsync(w => w.AppendAccess(accessEvent), cancellationToken);

    /// <summary>Requires one of <paramref name="roles"/>; logs and returns a <c>forbidden</c> problem otherwise.</summary>
    public async Task<RegistryProblem?> RequireAsync(Principal principal, string action, string? subject, CancellationToken cancellationToken, params Role[] roles)
    {
        if (roles.Contains(principal.Role))
        {
            return null;
        }

        var allowed = string.Join(" or ", roles.Select(Roles.NameOf));
        return await RefuseAsync(principal, action, subject,
            new RegistryProblem(ProblemTypes.Forbidden, $"{action} needs a {allowed} key; this key is for {principal.RoleName} '{principal.Name}'"),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Requires a subject key and returns the subject it is bound to: the one check every use case a
    /// subject runs on its own file starts with (a wrong role is logged and refused as <c>forbidden</c>).
    /// </summary>
    public async Task<Outcome<Core.Identifiers.SubjectId>> RequireOwnSubjectAsync(Principal principal, string action, Core.Identifiers.IdentifierAllowList? allowList, CancellationToken cancellationToken)
    {
        if (await RequireAsync(principal, action, null, cancellationToken, Role.Subject).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        return Subjects.OwnSubject.Of(principal, clock.GetUtcNow(), allowList);
    }

    /// <summary>Logs a refusal of a known principal and returns the problem, for the caller to answer with.</summary>
    public async Task<RegistryProblem> RefuseAsync(Principal principal, string action, string? subject, RegistryProblem problem, CancellationToken cancellationToken, string? purpose = null)
    {
        var outcome = problem.Type is ProblemTypes.Forbidden or ProblemTypes.TypeNotPermitted or ProblemTypes.MeasureNotPermitted
            ? AccessOutcome.Forbidden
            : AccessOutcome.Refused;
        await RecordAsync(AccessEvent.By(principal, clock.GetUtcNow(), action, subject, purpose, outcome, problem.ToString()), cancellationToken).ConfigureAwait(false);
        return problem;
    }

    /// <summary>Logs a request without a valid key (the principal is unknown) and returns the problem.</summary>
    public async Task<RegistryProblem> UnauthorizedAsync(string action, string? subject, string detail, CancellationToken cancellationToken)
    {
        var problem = new RegistryProblem(ProblemTypes.Unauthorized, detail);
        await RecordAsync(new AccessEvent(0, clock.GetUtcNow(), null, "unknown", null, action, subject, null, AccessOutcome.Unauthorized, problem.ToString()), cancellationToken).ConfigureAwait(false);
        return problem;
    }

    /// <summary>The access log after <paramref name="afterId"/>, oldest first (auditors only; the read is itself logged).</summary>
    public async Task<Outcome<IReadOnlyList<AccessEvent>>> ReadLogAsync(Principal by, long afterId, int limit, string? purpose, CancellationToken cancellationToken = default)
    {
        if (await RequireAsync(by, "access-log.read", null, cancellationToken, Role.Auditor).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        // The purpose goes into the access log and the ledger: it is one readable line.
        if (OutsideText.Short("purpose", purpose) is { } unreadable)
        {
            return unreadable;
        }

        if (string.IsNullOrWhiteSpace(purpose))
        {
            return await RefuseAsync(by, "access-log.read", null, new RegistryProblem(ProblemTypes.PurposeRequired, "auditors state the purpose of each read (?purpose=...)", "purpose"), cancellationToken).ConfigureAwait(false);
        }

        await RecordAsync(AccessEvent.By(by, clock.GetUtcNow(), "access-log.read", null, purpose.Trim(), detail: $"after {afterId}"), cancellationToken).ConfigureAwait(false);
        return Outcome.Ok(await store.ReadAsync(r => r.AccessLog(afterId, Math.Clamp(limit, 1, 1000)), cancellationToken).ConfigureAwait(false));
    }
}
