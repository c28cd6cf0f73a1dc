using Credence.Core.Identifiers;
using Credence.Registry.Access;
using Credence.Registry.Caching;
using Credence.Registry.Storage;

namespace Credence.Registry.Principals;

/// <summary>
/// Principals and their keys: issuing (operator only), revoking, listing, and authenticating a
/// request's bearer key. A missing, unknown or revoked key is refused as <c>unauthorized</c> and logged.
/// </summary>
/// <remarks>
/// Implementation note: keys are cached in memory under a lease on the store's count of revocations
/// (<see cref="CacheLease"/>), so a key revoked by any process on the same store is refused here within
/// half a second; with peers (the silos of a cluster) a revocation is acknowledged only once every peer refuses it.
/// </remarks>
public sealed class PrincipalService
{
    private readonly IRegistryStore store;
    private readonly TimeProvider clock;
    private readonly AccessRecorder access;
    private readonly IdentifierAllowList? allowList;
    private readonly PrincipalCache cache = new();
    private readonly CacheLease lease;

    /// <param name="peers">True when other processes serve the same store and cache its keys (the silos of a cluster): a revocation then waits out their lease before it is acknowledged.</param>
    public PrincipalService(IRegistryStore store, TimeProvider clock, AccessRecorder access, IdentifierAllowList? allowList = null, bool peers = false)
    {
        this.store = store;
        this.clock = clock;
        this.access = access;
        this.allowList = allowList;
        lease = new CacheLease(store, r => r.RevokedKeyCount(), peers);
    }

    /// <summary>
    /// Registers a principal and issues its first key, or issues another key for an existing
    /// principal registered exactly so. A different registration under a taken name is a <c>conflict</c>.
    /// </summary>
    public async Task<Outcome<IssuedKey>> CreateKeyAsync(Principal by, PrincipalRegistration registration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registration);
        if (await access.RequireAsync(by, "key.create", null, cancellationToken, Role.Operator).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var now = clock.GetUtcNow();
        var checkedRegistration = RegistrationRules.Check(registration, now, allowList);
        if (!checkedRegistration.IsOk)
        {
            return checkedRegistration.Problem;
        }

        var wanted = checkedRegistration.Value;
        var key = ApiKeys.Generate();
        var hash = ApiKeys.Hash(key);
        return await store.WriteAsync<Outcome<IssuedKey>>(w =>
        {
            var principal = w.FindPrincipal(wanted.Name);
            if (principal is null)
            {
                principal = wanted with { Id = w.InsertPrincipal(wanted) };
            }
            else if (!SameRegistration(principal, wanted))
            {
                return new RegistryProblem(ProblemTypes.Conflict, $"a principal named '{wanted.Name}' is registered as {principal.RoleName} with other attributes; choose another name", "name");
            }

            // The issuer is shown the key: the two-person rule counts it as able to act as this principal (KeyHolders).
            var keyId = w.InsertKey(principal.Id, hash, now, by.IsStored ? by.Id : null);
            w.AppendAccess(AccessEvent.By(by, now, "key.create", principal.Subject, null, detail: $"key {keyId} for {principal.RoleName} '{principal.Name}'"));
            return new IssuedKey(principal, keyId, key, now);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Revokes a key (operator only). It stops working at once in this registry, and, when the revocation is
    /// acknowledged, in every registry on the same store (a cluster's silos; another process within half a second).
    /// </summary>
    public async Task<Outcome<long>> RevokeKeyAsync(Principal by, long keyId, CancellationToken cancellationToken = default)
    {
        if (await access.RequireAsync(by, "key.revoke", null, cancellationToken, Role.Operator).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var now = clock.GetUtcNow();
        var revoked = await store.WriteAsync(w =>
        {
            var done = w.RevokeKey(keyId, now);
            if (done)
            {
                w.AppendAccess(AccessEvent.By(by, now, "key.revoke", null, null, detail: $"key {keyId}"));
            }

            return done;
        }, cancellationToken).ConfigureAwait(false);
        lease.Invalidate();
        if (revoked)
        {
            // Not cancellable: the revocation is committed, and its acknowledgement must mean every peer refuses the key.
            await lease.SettleAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return revoked ? keyId : new RegistryProblem(ProblemTypes.NotFound, $"there is no unrevoked key {keyId}");
    }

    /// <summary>Every principal with its keys' ids and dates (operator only).</summary>
    public async Task<Outcome<IReadOnlyList<PrincipalListing>>> ListAsync(Principal by, CancellationToken cancellationToken = default)
    {
        if (await access.RequireAsync(by, "principal.list", null, cancellationToken, Role.Operator).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        return Outcome.Ok<IReadOnlyList<PrincipalListing>>(await store.ReadAsync(r => r.ListPrincipals(), cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// The principal of an <c>Authorization</c> header value. A missing, malformed, unknown or
    /// revoked key is refused as <c>unauthorized</c>, and the refusal is logged with
    /// <paramref name="action"/> and <paramref name="subject"/> (the principal is unknown).
    /// </summary>
    public Task<Outcome<Principal>> AuthenticateAsync(string? authorization, string action, string? subject = null, CancellationToken cancellationToken = default) =>
        AuthenticateAsync(authorization, action, subject, beforeRefusal: null, cancellationToken);

    /// <inheritdoc cref="AuthenticateAsync(string?, string, string?, CancellationToken)"/>
    /// <param name="beforeRefusal">
    /// Asked once for every refusal, before it is logged: a problem it returns (the HTTP layer's
    /// "too many failed authentications from this client") is the answer instead, and is not written
    /// to the access log, so that a flood of wrong keys costs no durable write.
    /// </param>
    /// <remarks>
    /// Implementation note: the caller's limit is charged here, at the moment a key is known to be
    /// wrong and before the slow durable write, so that many wrong keys sent at once cannot all pass
    /// a check made before any of them was counted.
    /// </remarks>
    public async Task<Outcome<Principal>> AuthenticateAsync(string? authorization, string action, string? subject, Func<RegistryProblem?>? beforeRefusal, CancellationToken cancellationToken = default)
    {
        if (!ApiKeys.TryReadBearer(authorization, out var key))
        {
            var what = string.IsNullOrWhiteSpace(authorization) ? "no API key was sent" : "the Authorization header does not hold a bearer key of the form cred_...";
            return beforeRefusal?.Invoke() is { } limited ? limited
                : await access.UnauthorizedAsync(action, subject, $"{what}; send Authorization: Bearer <key>", cancellationToken).ConfigureAwait(false);
        }

        var holder = await FindAsync(key, cancellationToken).ConfigureAwait(false);
        if (holder is null || holder.RevokedAt is not null)
        {
            var why = holder is null ? "the API key is not known to this registry" : $"the API key was revoked on {holder.RevokedAt:u}";
            return beforeRefusal?.Invoke() is { } limited ? limited
                : await access.UnauthorizedAsync(action, subject, why, cancellationToken).ConfigureAwait(false);
        }

        return holder.Principal;
    }

    /// <summary>
    /// Opens a portal session with a key: the same check as a bearer key (a refusal is logged as
    /// <c>unauthorized</c> under <c>session.open</c>), and the opening is logged under the principal.
    /// The session's handle is the key's stored hash, never the key, so the session cookie carries
    /// nothing that authenticates against the API.
    /// </summary>
    public Task<Outcome<KeySession>> OpenSessionAsync(string key, CancellationToken cancellationToken = default) =>
        OpenSessionAsync(key, beforeRefusal: null, cancellationToken);

    /// <inheritdoc cref="OpenSessionAsync(string, CancellationToken)"/>
    /// <param name="beforeRefusal">The host's limit on failed authentications, charged as for a bearer key (see <see cref="AuthenticateAsync(string?, string, string?, Func{RegistryProblem?}?, CancellationToken)"/>).</param>
    public async Task<Outcome<KeySession>> OpenSessionAsync(string key, Func<RegistryProblem?>? beforeRefusal, CancellationToken cancellationToken = default)
    {
        var principal = await AuthenticateAsync(key is null ? null : "Bearer " + key.Trim(), "session.open", null, beforeRefusal, cancellationToken).ConfigureAwait(false);
        if (!principal.IsOk)
        {
            return principal.Problem;
        }

        await access.RecordAsync(AccessEvent.By(principal.Value, clock.GetUtcNow(), "session.open", principal.Value.Subject, null), cancellationToken).ConfigureAwait(false);
        return new KeySession(principal.Value, Convert.ToHexString(ApiKeys.Hash(key!.Trim())));
    }

    /// <summary>
    /// The principal of a session opened by <see cref="OpenSessionAsync(string, CancellationToken)"/>, from its handle: refused
    /// as <c>unauthorized</c> (logged under <c>session.resume</c>) once the key is revoked or unknown.
    /// </summary>
    public async Task<Outcome<Principal>> ResumeSessionAsync(string handle, CancellationToken cancellationToken = default)
    {
        KeyHolder? holder = null;
        if (handle is { Length: 64 } && handle.All(char.IsAsciiHexDigitUpper))
        {
            holder = await FindByHashAsync(Convert.FromHexString(handle), cancellationToken).ConfigureAwait(false);
        }

        if (holder is null || holder.RevokedAt is not null)
        {
            var why = holder is null ? "the session's key is not known to this registry" : $"the session's key was revoked on {holder.RevokedAt:u}";
            return await access.UnauthorizedAsync("session.resume", null, why, cancellationToken).ConfigureAwait(false);
        }

        return holder.Principal;
    }

    /// <summary>
    /// The registered principal an outside identity provider vouched for, by name (OpenID Connect
    /// sign-in: a claim names the principal). An unknown name is refused as <c>unauthorized</c> and
    /// logged; a known one's sign-in is logged under the principal.
    /// </summary>
    public async Task<Outcome<Principal>> OpenFederatedSessionAsync(string name, string provider, CancellationToken cancellationToken = default)
    {
        if (OutsideText.Short("name", name) is { } unreadable)
        {
            return unreadable;
        }

        var principal = string.IsNullOrWhiteSpace(name) ? null : await store.ReadAsync(r => r.FindPrincipal(name), cancellationToken).ConfigureAwait(false);
        if (principal is null)
        {
            return await access.UnauthorizedAsync("session.open", null, $"the identity provider named no principal registered here ({provider})", cancellationToken).ConfigureAwait(false);
        }

        await access.RecordAsync(AccessEvent.By(principal, clock.GetUtcNow(), "session.open", principal.Subject, null, detail: $"signed in through {provider}"), cancellationToken).ConfigureAwait(false);
        return principal;
    }

    /// <summary>The principal of a federated session, by name, on every request (not logged: the opening was).</summary>
    public async Task<Outcome<Principal>> ResumeFederatedSessionAsync(string name, CancellationToken cancellationToken = default)
    {
        var principal = string.IsNullOrWhiteSpace(name) ? null : await store.ReadAsync(r => r.FindPrincipal(name), cancellationToken).ConfigureAwait(false);
        return principal is null ? new RegistryProblem(ProblemTypes.Unauthorized, "the session's principal is not registered here") : principal;
    }

    private ValueTask<KeyHolder?> FindAsync(string key, CancellationToken cancellationToken) => FindByHashAsync(ApiKeys.Hash(key), cancellationToken);

    private async ValueTask<KeyHolder?> FindByHashAsync(byte[] hash, CancellationToken cancellationToken)
    {
        var text = Convert.ToHexString(hash);
        var epoch = await lease.EpochAsync(cancellationToken).ConfigureAwait(false);
        if (cache.Find(text, epoch) is { } cached)
        {
            return cached;
        }

        var holder = await store.ReadAsync(r => r.FindKey(hash), cancellationToken).ConfigureAwait(false);
        if (holder is not null)
        {
            cache.Add(text, holder, epoch);
        }

        return holder;
    }

    private static bool SameRegistration(Principal a, Principal b) =>
        a.Role == b.Role && a.Subject == b.Subject && a.Purpose == b.Purpose
        && a.RecordTypes.Order(StringComparer.Ordinal).SequenceEqual(b.RecordTypes.Order(StringComparer.Ordinal))
        && a.Capabilities.Order(StringComparer.Ordinal).SequenceEqual(b.Capabilities.Order(StringComparer.Ordinal));
}
