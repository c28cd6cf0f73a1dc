using Credence.Core.Explanations;
using Credence.Core.Identifiers;
using Credence.Core.Policies;
using Credence.Core.Records;
using Credence.Core.Scoring;
using Credence.Registry.Access;
using Credence.Registry.Consent;
using Credence.Registry.Policies;
using Credence.Registry.Storage;
using Credence.Registry.Subjects;

namespace Credence.Registry.Sharing;

/// <summary>
/// Sharing a grade by consent, as Sesame users show theirs to a landlord: a subject creates a share
/// code for one relying party or any, expiring (at most <see cref="MaxValidity"/> ahead) and
/// revocable; a relying party that holds the code reads the subject's grade, score status and
/// current listings, never its records. Creating, listing, revoking and every use or refused use
/// is logged in the subject's access log, with who used the code.
/// </summary>
/// <remarks>
/// Implementation note: a code is used with a relying party's key, never anonymously, so each use
/// names who read the grade (promise 5) and a leaked code is useless outside registered relying
/// parties. An unknown code and a malformed one get the same <c>share-not-found</c>, so codes
/// cannot be probed; a code for another relying party is <c>share-not-for-you</c> before anything
/// else about it is said; then revoked, then expired. The checks, the use count and the log entry
/// are one unit of work, so a use can never slip past a revocation committed before it.
/// </remarks>
public sealed class ShareService
{
    /// <summary>The longest a share code may work.</summary>
    public static readonly TimeSpan MaxValidity = TimeSpan.FromDays(90);

    public const string UseAction = "share.use";

    private readonly IRegistryStore store;
    private readonly TimeProvider clock;
    private readonly PolicyService policies;
    private readonly AccessRecorder access;
    private readonly IdentifierAllowList? allowList;

    public ShareService(IRegistryStore store, TimeProvider clock, PolicyService policies, AccessRecorder access, IdentifierAllowList? allowList = null)
    {
        this.store = store;
        this.clock = clock;
        this.policies = policies;
        this.access = access;
        this.allowList = allowList;
    }

    /// <summary>Creates a share code for the subject a subject key is bound to; the code is in the result and nowhere else.</summary>
    public async Task<Outcome<IssuedShare>> CreateAsync(Principal subject, ShareRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        const string action = "share.create";
        var own = await access.RequireOwnSubjectAsync(subject, action, allowList, cancellationToken).ConfigureAwait(false);
        if (!own.IsOk)
        {
            return own.Problem;
        }

        if (OutsideText.First(OutsideText.Identifier("relyingParty", request.RelyingParty), OutsideText.Identifier("validFor", request.ValidFor), OutsideText.Short("purpose", request.Purpose)) is { } unreadable)
        {
            return unreadable;
        }

        var now = clock.GetUtcNow();

        var expiry = ExpiresAt(request, now);
        if (!expiry.IsOk)
        {
            return expiry.Problem;
        }

        var purpose = string.IsNullOrWhiteSpace(request.Purpose) ? null : request.Purpose.Trim();

        var party = string.IsNullOrWhiteSpace(request.RelyingParty) ? null : request.RelyingParty.Trim();
        var code = ShareCodes.Generate();
        var hash = ShareCodes.Hash(code);
        return await store.WriteAsync<Outcome<IssuedShare>>(w =>
        {
            if (party is not null && w.FindPrincipal(party) is not { Role: Role.RelyingParty })
            {
                return new RegistryProblem(ProblemTypes.BadValue, $"no relying party named '{party}' is registered; name one, or omit relyingParty to share with any relying party", "relyingParty");
            }

            var share = new Share(0, own.Value.Value, party, purpose, now, expiry.Value, null, 0, null);
            share = share with { Id = w.InsertShare(share, hash) };
            w.AppendAccess(AccessEvent.By(subject, now, action, share.Subject, purpose ?? "share grade",
                detail: $"share {share.Id} for {party ?? "any relying party"} until {share.ExpiresAt:u}"));
            return new IssuedShare(share, code);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The subject's shares, oldest first, without their codes (the read is logged).</summary>
    public async Task<Outcome<IReadOnlyList<Share>>> ListAsync(Principal subject, CancellationToken cancellationToken = default)
    {
        const string action = "share.list";
        if (await access.RequireAsync(subject, action, null, cancellationToken, Role.Subject).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var now = clock.GetUtcNow();
        await access.RecordAsync(AccessEvent.By(subject, now, action, subject.Subject, "own shares"), cancellationToken).ConfigureAwait(false);
        return Outcome.Ok(await store.ReadAsync(r => r.SubjectShares(subject.Subject!), cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Revokes one of the subject's own unrevoked shares; another subject's share, like an unknown one, is <c>not-found</c>.</summary>
    public async Task<Outcome<Share>> RevokeAsync(Principal subject, long id, CancellationToken cancellationToken = default)
    {
        const string action = "share.revoke";
        if (await access.RequireAsync(subject, action, null, cancellationToken, Role.Subject).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var now = clock.GetUtcNow();
        var outcome = await store.WriteAsync<Outcome<Share>>(w =>
        {
            if (w.FindShare(id) is not { } share || share.Subject != subject.Subject || !w.RevokeShare(id, now))
            {
                return new RegistryProblem(ProblemTypes.NotFound, $"you have no unrevoked share {id}");
            }

            w.AppendAccess(AccessEvent.By(subject, now, action, share.Subject, "own shares", detail: $"share {id} revoked"));
            return share with { RevokedAt = now };
        }, cancellationToken).ConfigureAwait(false);
        return outcome.IsOk ? outcome : await access.RefuseAsync(subject, action, subject.Subject, outcome.Problem, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A relying party uses a share code: the subject's grade, score status and listings as of now.</summary>
    public async Task<Outcome<SharedGrade>> UseAsync(Principal relyingParty, string? code, CancellationToken cancellationToken = default)
    {
        if (await access.RequireAsync(relyingParty, UseAction, null, cancellationToken, Role.RelyingParty).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(code))
        {
            return new RegistryProblem(ProblemTypes.MissingField, "field 'code' (the share code the subject gave you) is required", "code");
        }

        var now = clock.GetUtcNow();
        var hash = ShareCodes.IsWellFormed(code) ? ShareCodes.Hash(code) : null;
        var schedule = await policies.CurrentAsync(cancellationToken).ConfigureAwait(false);
        var used = await store.WriteAsync<Outcome<(Share Share, ActivePolicy Policy)>>(w =>
        {
            var share = hash is null ? null : w.FindShareByCode(hash);
            var problem = Check(share, relyingParty, now, out var outcome);
            ActivePolicy? policy = null;
            if (problem is null)
            {
                policy = SubjectIdentifiers.TryParse(share!.Subject, DateOnly.FromDateTime(now.UtcDateTime), out var id, allowList) ? schedule.ActiveAt(id.Kind, now) : null;
                problem = policy is null ? new RegistryProblem(ProblemTypes.NoActivePolicy, "no policy governs the subject now; there is no grade to show") : null;
            }

            if (problem is not null)
            {
                w.AppendAccess(AccessEvent.By(relyingParty, now, UseAction, share?.Subject, null, outcome, (share is null ? string.Empty : $"share {share.Id}: ") + problem));
                return problem;
            }

            w.ShareUsed(share!.Id, now);
            w.AppendAccess(AccessEvent.By(relyingParty, now, UseAction, share.Subject, null, detail: $"share {share.Id}{(share.Purpose is null ? string.Empty : " (" + share.Purpose + ")")}: grade, score status and listings under {policy!.Tag}"));
            return (share, policy);
        }, cancellationToken).ConfigureAwait(false);
        if (!used.IsOk)
        {
            return used.Problem;
        }

        var (s, active) = used.Value;
        var subject = SubjectIdentifiers.Parse(s.Subject, DateOnly.FromDateTime(now.UtcDateTime), allowList);
        var (records, consent) = await store.ReadAsync(r => (r.SubjectRecords(subject), Consents.At(r, active, subject.Value, now)), cancellationToken).ConfigureAwait(false);
        var a = Explainer.Assess(SubjectFacts.Compile(active.Compiled, SubjectFile.Create(subject, records)), now, consent);
        return new SharedGrade(subject.Value, subject.Kind, now, a.PolicyVersion, a.Status, a.Grade,
            [.. a.Listings.Select(l => new SharedListing(l.List, l.Name, l.Kind, l.Since, l.Until))], s.Id, s.ExpiresAt, s.Purpose);
    }

    private static RegistryProblem? Check(Share? share, Principal relyingParty, DateTimeOffset now, out AccessOutcome outcome)
    {
        outcome = AccessOutcome.Refused;
        if (share is null)
        {
            return new RegistryProblem(ProblemTypes.ShareNotFound, "no share has this code; ask the subject for a new one");
        }

        if (share.RelyingParty is { } party && party != relyingParty.Name)
        {
            outcome = AccessOutcome.Forbidden;
            return new RegistryProblem(ProblemTypes.ShareNotForYou, $"this share is for another relying party, not '{relyingParty.Name}'");
        }

        return share.StatusAt(now) switch
        {
            ShareStatus.Revoked => new RegistryProblem(ProblemTypes.ShareRevoked, $"the subject revoked this share at {share.RevokedAt:u}"),
            ShareStatus.Expired => new RegistryProblem(ProblemTypes.ShareExpired, $"this share expired at {share.ExpiresAt:u}"),
            _ => null,
        };
    }

    private static Outcome<DateTimeOffset> ExpiresAt(ShareRequest request, DateTimeOffset now)
    {
        DateTimeOffset end;
        string field;
        if (request.ExpiresAt is not null && request.ValidFor is not null)
        {
            return new RegistryProblem(ProblemTypes.BadValue, "give expiresAt or validFor, not both", "validFor");
        }

        if (request.ExpiresAt is { } expiresAt)
        {
            (end, field) = (expiresAt.ToUniversalTime(), "expiresAt");
        }
        else if (request.ValidFor is { } text)
        {
            if (!PolicyDuration.TryParse(text.Trim(), out var duration) || duration.IsZero)
            {
                return new RegistryProblem(ProblemTypes.BadValue, $"validFor '{text}' is not a duration such as 7d, 2mo or 1mo15d", "validFor");
            }

            (end, field) = (duration.AddTo(now), "validFor");
        }
        else
        {
            return new RegistryProblem(ProblemTypes.MissingField, "a share expires: give expiresAt (an instant) or validFor (a duration such as 30d)", "expiresAt");
        }

        if (end <= now)
        {
            return new RegistryProblem(ProblemTypes.BadValue, $"the share would expire at {end:u}, which is not after now ({now:u})", field);
        }

        return end - now > MaxValidity
            ? new RegistryProblem(ProblemTypes.BadValue, $"a share works for at most {MaxValidity.TotalDays:0} days; {end:u} is further ahead", field)
            : end;
    }
}
