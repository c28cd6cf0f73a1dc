using System.Collections.Immutable;
using Credence.Core.Explanations;
using Credence.Core.Identifiers;
using Credence.Core.Records;
using Credence.Core.Scoring;
using Credence.Registry.Access;
using Credence.Registry.Consent;
using Credence.Registry.Policies;
using Credence.Registry.State;
using Credence.Registry.Storage;

namespace Credence.Registry.Public;

/// <summary>
/// Public lookups, without a key: an organisation's grade and published listings (as Honest
/// Shanghai and Credit China offer), and the members of the lists a policy marks as published.
/// A person's score or grade is never public. Every lookup is logged.
/// </summary>
public sealed class PublicService
{
    private const int MaxPageSize = 500;

    private readonly IRegistryStore store;
    private readonly TimeProvider clock;
    private readonly PolicyService policies;
    private readonly AccessRecorder access;
    private readonly StateService state;
    private readonly IdentifierAllowList? allowList;

    public PublicService(IRegistryStore store, TimeProvider clock, PolicyService policies, AccessRecorder access, StateService state, IdentifierAllowList? allowList = null)
    {
        this.store = store;
        this.clock = clock;
        this.policies = policies;
        this.access = access;
        this.state = state;
        this.allowList = allowList;
    }

    /// <summary>Every policy version that has been in force, with its digest and periods (see <see cref="PolicyService.PublishedAsync"/>).</summary>
    public Task<IReadOnlyList<PublishedPolicy>> PoliciesAsync(CancellationToken cancellationToken = default) =>
        policies.PublishedAsync(clock.GetUtcNow(), cancellationToken);

    /// <summary>The exact text of a policy version that has been in force, with its digest.</summary>
    public Task<Outcome<(PublishedPolicy Policy, string Yaml)>> PolicyTextAsync(string policyId, string version, CancellationToken cancellationToken = default) =>
        policies.PublishedTextAsync(policyId, version, clock.GetUtcNow(), cancellationToken);

    /// <summary>An organisation's public profile; a person's identifier is refused as <c>not-public</c>.</summary>
    public async Task<Outcome<OrganisationProfile>> OrganisationAsync(string code, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var check = SubjectIdentifiers.Check(code ?? string.Empty, DateOnly.FromDateTime(now.UtcDateTime), allowList);
        if (!check.IsValid)
        {
            return new RegistryProblem(ProblemTypes.InvalidIdentifier, $"invalid identifier: {check.Rule}: {check.Reason}", "code");
        }

        var subject = check.Id!.Value;
        if (subject.Kind != SubjectKind.Organisation)
        {
            await Log(now, "public.organisation", subject.Value, AccessOutcome.Refused, "a person's score is never public", cancellationToken).ConfigureAwait(false);
            return new RegistryProblem(ProblemTypes.NotPublic, "the identifier is a person's; a person's score and grade are never public");
        }

        if (await policies.ActiveAtAsync(SubjectKind.Organisation, now, cancellationToken).ConfigureAwait(false) is not { } policy)
        {
            return new RegistryProblem(ProblemTypes.NoActivePolicy, "no policy is active for organisations");
        }

        // The file as every other reader builds it: a repaired record or an open dispute counts here as in the subject's own file.
        var (file, consent) = await store.ReadAsync(r => (DueProcess.SubjectFiles.LoadAsOf(r, subject, now), Consents.At(r, policy, subject.Value, now)), cancellationToken).ConfigureAwait(false);
        if (file.Versions.IsEmpty)
        {
            return new RegistryProblem(ProblemTypes.NotFound, $"the registry holds no records about organisation {subject.Value}");
        }

        await Log(now, "public.organisation", subject.Value, AccessOutcome.Ok, null, cancellationToken).ConfigureAwait(false);
        var a = Explainer.Assess(SubjectFacts.Compile(policy.Compiled, file), now, consent);
        return new OrganisationProfile(subject.Value, a.PolicyVersion, now, a.Status, a.Grade, [.. a.Listings.Where(l => l.Published)]);
    }

    /// <summary>A page (1-based) of a published list's current members, in a stable order (since, then identifier).</summary>
    public async Task<Outcome<PublicList>> ListAsync(string list, int page = 1, int pageSize = 100, CancellationToken cancellationToken = default)
    {
        if (page < 1 || pageSize < 1 || pageSize > MaxPageSize)
        {
            return new RegistryProblem(ProblemTypes.BadValue, $"page starts at 1 and pageSize is 1 to {MaxPageSize}", page < 1 ? "page" : "pageSize");
        }

        var now = clock.GetUtcNow();
        var governing = (await policies.ActiveAllAsync(now, cancellationToken).ConfigureAwait(false))
            .Select(p => (Policy: p, List: p.Policy.FindList(list)))
            .Where(x => x.List is { Published: true })
            .ToList();
        if (governing.Count == 0)
        {
            return new RegistryProblem(ProblemTypes.NotFound, $"no active policy publishes a list '{list}'");
        }

        await state.RefreshAsync(cancellationToken).ConfigureAwait(false);
        await Log(now, "public.list", null, AccessOutcome.Ok, $"{list} page {page}", cancellationToken).ConfigureAwait(false);
        var tags = governing.Select(g => g.Policy.Tag).ToList();
        var kinds = governing.ToDictionary(g => g.Policy.Tag, g => g.Policy.Policy.Subjects, StringComparer.Ordinal);
        var rows = await store.ReadAsync(r => r.ListMembers(list, tags, now, (page - 1) * pageSize, pageSize), cancellationToken).ConfigureAwait(false);
        var definition = governing[0].List!;
        return new PublicList(
            list,
            definition.Name,
            definition.Kind,
            [.. tags],
            now,
            page,
            pageSize,
            rows.Total,
            [.. rows.Entries.Select(e => new PublicListEntry(Mask(e.Subject, kinds[e.PolicyTag]), kinds[e.PolicyTag], e.Since, e.Until))]);
    }

    /// <summary>A person's identifier with the birth date masked; an organisation's code unchanged.</summary>
    public static string Mask(string subject, SubjectKind kind) =>
        kind == SubjectKind.Person && subject.Length == SubjectIdentifiers.Length ? string.Concat(subject.AsSpan(0, 6), "********", subject.AsSpan(14)) : subject;

    private Task<long> Log(DateTimeOffset now, string action, string? subject, AccessOutcome outcome, string? detail, CancellationToken cancellationToken) =>
        access.RecordAsync(new AccessEvent(0, now, null, "public", null, action, subject, null, outcome, detail), cancellationToken);
}
