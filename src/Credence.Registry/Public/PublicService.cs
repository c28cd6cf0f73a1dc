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

    /// <summary>The most characters a name search reads (after folding).</summary>
    public const int MaxQueryLength = 100;

    /// <summary>The most names one registration carries.</summary>
    public const int MaxNamesPerRegistration = 10_000;

    /// <summary>The languages a name is registered in.</summary>
    public static IReadOnlyList<string> NameLanguages { get; } = ["zh", "en"];

    private readonly IRegistryStore store;
    private readonly TimeProvider clock;
    private readonly PolicyService policies;
    private readonly AccessRecorder access;
    private readonly StateService state;
    private readonly IdentifierAllowList? allowList;

    /// <summary>The most policy versions whose model <see cref="PolicyDocumentAsync"/> keeps read.</summary>
    private const int MaxModels = 64;

    // Implementation note: a published policy version is immutable (its text is stored once, under its
    // tag, with its digest), so its model, read from that text, never changes: it is kept by tag and
    // digest, and a text that ever differed would have another key. The first reading of a version (a
    // YAML parse and a full validation) is the policy document's whole cost; later ones only look it up.
    // Bounded: past MaxModels versions the models are dropped and read again.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Tag, string Digest), Core.Policies.Policy> models = new();

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
        var published = a.Listings.Where(l => l.Published).ToImmutableArray();
        var latest = file.Versions.GroupBy(v => v.Key).ToDictionary(g => g.Key, g => g.MaxBy(v => v.Version)!);
        var grounds = published
            .SelectMany(l => l.Records.Where(latest.ContainsKey).Select(k => new ListingGround(l.List, latest[k].Type, latest[k].LegalBasis, latest[k].OccurredAt)))
            .ToImmutableArray();
        var lists = published.Select(l => l.List).ToHashSet(StringComparer.Ordinal);
        var exits = a.PathForward.ListingExits.Where(e => lists.Contains(e.List)).ToImmutableArray();
        var names = await store.ReadAsync(r => r.OrganisationNames(subject.Value), cancellationToken).ConfigureAwait(false);
        return new OrganisationProfile(subject.Value, a.PolicyVersion, now, a.Status, a.Grade, published)
        {
            Names = [.. names],
            Grounds = grounds,
            Exits = exits,
        };
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

    /// <summary>
    /// Whether one subject is on a published list now: the list's page of that one member (masked as
    /// every page masks it), or an empty page. The subject is named in full by whoever asks, as the
    /// court's defaulter lookup asks for the whole identity number; the read is logged as
    /// <c>public.list</c> with the subject, as every read about a subject is.
    /// </summary>
    public async Task<Outcome<PublicList>> ListMemberAsync(string list, string subject, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var check = SubjectIdentifiers.Check(subject ?? string.Empty, DateOnly.FromDateTime(now.UtcDateTime), allowList);
        if (!check.IsValid)
        {
            return new RegistryProblem(ProblemTypes.InvalidIdentifier, $"invalid identifier: {check.Rule}: {check.Reason}", "subject");
        }

        var governing = (await policies.ActiveAllAsync(now, cancellationToken).ConfigureAwait(false))
            .Select(p => (Policy: p, List: p.Policy.FindList(list)))
            .Where(x => x.List is { Published: true })
            .ToList();
        if (governing.Count == 0)
        {
            return new RegistryProblem(ProblemTypes.NotFound, $"no active policy publishes a list '{list}'");
        }

        var id = check.Id!.Value;
        await state.RefreshAsync(cancellationToken).ConfigureAwait(false);
        await Log(now, "public.list", id.Value, AccessOutcome.Ok, $"{list} member", cancellationToken).ConfigureAwait(false);
        var kinds = governing.ToDictionary(g => g.Policy.Tag, g => g.Policy.Policy.Subjects, StringComparer.Ordinal);
        var rows = (await store.ReadAsync(r => r.SubjectListings(id.Value, openOnly: true), cancellationToken).ConfigureAwait(false))
            .Where(l => l.List == list && kinds.ContainsKey(l.PolicyTag) && (l.Until is null || l.Until > now))
            .Take(1)
            .ToList();
        var definition = governing[0].List!;
        return new PublicList(
            list,
            definition.Name,
            definition.Kind,
            [.. kinds.Keys],
            now,
            1,
            1,
            rows.Count,
            [.. rows.Select(e => new PublicListEntry(Mask(e.Subject, kinds[e.PolicyTag]), kinds[e.PolicyTag], e.Since, e.Until))]);
    }

    /// <summary>A policy version that has been in force, with its model, for reading it as a document (see <see cref="PolicyTextAsync"/>).</summary>
    public async Task<Outcome<(PublishedPolicy Published, Core.Policies.Policy Policy)>> PolicyDocumentAsync(string policyId, string version, CancellationToken cancellationToken = default)
    {
        var text = await PolicyTextAsync(policyId, version, cancellationToken).ConfigureAwait(false);
        if (!text.IsOk)
        {
            return text.Problem;
        }

        // The published text, read as its model (it was validated when uploaded; the same loader reads it again).
        var published = text.Value.Policy;
        if (models.TryGetValue((published.Tag, published.Digest), out var known))
        {
            return (published, known);
        }

        var model = PolicyService.Validate(text.Value.Yaml, published.Tag);
        if (!model.IsOk)
        {
            return model.Problem;
        }

        if (models.Count >= MaxModels)
        {
            models.Clear();
        }

        models[(published.Tag, published.Digest)] = model.Value!;
        return (published, model.Value!);
    }

    /// <summary>
    /// A page (1-based) of the organisations whose registered name (in any language) or Unified Social
    /// Credit Code starts with <paramref name="query"/>: a prefix or the whole name, a prefix or the whole
    /// code; case, full-width forms and runs of spaces do not matter (<see cref="NameFolding"/>). Logged
    /// as <c>public.organisation-search</c> with the query. Names and codes only: a grade is read (and
    /// logged) per organisation.
    /// </summary>
    public async Task<Outcome<OrganisationSearch>> SearchOrganisationsAsync(string query, int page = 1, int pageSize = 20, CancellationToken cancellationToken = default)
    {
        if (OutsideText.Short("q", query) is { } unreadable)
        {
            return unreadable;
        }

        var folded = NameFolding.Fold(query ?? string.Empty);
        if (folded.Length == 0 || folded.EnumerateRunes().Count() > MaxQueryLength)
        {
            return new RegistryProblem(ProblemTypes.BadValue, $"a search needs 1 to {MaxQueryLength} characters of a name or code", "q");
        }

        if (page < 1 || pageSize < 1 || pageSize > MaxPageSize)
        {
            return new RegistryProblem(ProblemTypes.BadValue, $"page starts at 1 and pageSize is 1 to {MaxPageSize}", page < 1 ? "page" : "pageSize");
        }

        var now = clock.GetUtcNow();
        await Log(now, "public.organisation-search", null, AccessOutcome.Ok, $"'{folded}' page {page}", cancellationToken).ConfigureAwait(false);
        var found = await store.ReadAsync(r => r.SearchOrganisations(folded, NameFolding.CodePrefix(query!), (page - 1) * pageSize, pageSize), cancellationToken).ConfigureAwait(false);
        var hits = found.Names.GroupBy(n => n.Code, StringComparer.Ordinal).Select(g => new OrganisationHit(g.Key, [.. g])).ToImmutableArray();
        return new OrganisationSearch(query!, page, pageSize, found.Total, hits);
    }

    /// <summary>
    /// Registers organisations' names (operator, or a source such as the market regulator): each code a
    /// valid Unified Social Credit Code, each language <c>zh</c> or <c>en</c>, each name one readable line
    /// of up to 200 characters. A name replaces the organisation's earlier one in that language. One
    /// unit of work, logged as <c>organisation.names</c>; a refused batch stores nothing.
    /// </summary>
    public async Task<Outcome<int>> RegisterNamesAsync(Principal by, IReadOnlyList<OrganisationName> names, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (await access.RequireAsync(by, "organisation.names", null, cancellationToken, Role.Operator, Role.Source).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (names.Count is 0 or > MaxNamesPerRegistration)
        {
            return new RegistryProblem(ProblemTypes.BadValue, $"a registration carries 1 to {MaxNamesPerRegistration} names", "names");
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        foreach (var n in names)
        {
            var check = SubjectIdentifiers.Check(n.Code ?? string.Empty, today, allowList);
            if (!check.IsValid)
            {
                return new RegistryProblem(ProblemTypes.InvalidIdentifier, $"invalid identifier: {check.Rule}: {check.Reason}", "code");
            }

            if (check.Id!.Value.Kind != SubjectKind.Organisation)
            {
                return new RegistryProblem(ProblemTypes.BadValue, "a name is registered for an organisation, never for a person", "code");
            }

            if (!NameLanguages.Contains(n.Language, StringComparer.Ordinal))
            {
                return new RegistryProblem(ProblemTypes.BadValue, $"the language of a name is one of {string.Join(", ", NameLanguages)}", "language");
            }

            if (OutsideText.Short("name", n.Name) is { } bad)
            {
                return bad;
            }

            if (string.IsNullOrWhiteSpace(n.Name) || NameFolding.Fold(n.Name).Length == 0)
            {
                return new RegistryProblem(ProblemTypes.MissingField, "a name is not empty", "name");
            }
        }

        return await store.WriteAsync<Outcome<int>>(w =>
        {
            foreach (var n in names)
            {
                var code = SubjectIdentifiers.Check(n.Code, DateOnly.FromDateTime(w.Now.UtcDateTime), allowList).Id!.Value.Value;
                w.PutOrganisationName(n with { Code = code, Name = n.Name.Trim() }, NameFolding.Fold(n.Name), w.Now);
            }

            w.AppendAccess(AccessEvent.By(by, w.Now, "organisation.names", null, null, detail: $"{names.Count} names"));
            return names.Count;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A person's identifier with the birth date masked; an organisation's code unchanged.</summary>
    public static string Mask(string subject, SubjectKind kind) =>
        kind == SubjectKind.Person && subject.Length == SubjectIdentifiers.Length ? string.Concat(subject.AsSpan(0, 6), "********", subject.AsSpan(14)) : subject;

    private Task<long> Log(DateTimeOffset now, string action, string? subject, AccessOutcome outcome, string? detail, CancellationToken cancellationToken) =>
        access.RecordAsync(new AccessEvent(0, now, null, "public", null, action, subject, null, outcome, detail), cancellationToken);
}
