using System.Diagnostics;
using Credence.App.Demo.Stories;
using Credence.Core.Identifiers;
using Credence.Core.Intake;
using Credence.Demo;
using Credence.Registry;
using Credence.Registry.Access;
using Credence.Registry.Public;
using Credence.Registry.Intake;
using Credence.Registry.Principals;
using Credence.Registry.State;

namespace Credence.App.Demo;

/// <summary>
/// Builds the demo registry: activates the sample policies, registers the city's sources and a
/// principal for every role, and replays the synthetic city's three years of records through the
/// ordinary intake, week by week. It holds no business rule: everything goes through the registry's
/// use cases, exactly as a real source's submissions would. Between the weeks it tells the
/// due-process stories (<see cref="DueProcessStories"/>) and runs the scheduler, as a live registry would.
/// </summary>
internal sealed class DemoSeeder(CredenceRegistry registry, DemoClock clock, City city)
{
    private const int BatchLines = 10_000;

    private readonly StoryAgenda agenda = new(clock, registry.Scheduler);
    private readonly List<(DueProcessStory Story, string Key)> storyKeys = [];

    private static readonly (string Name, string[] Capabilities, string Purpose)[] RelyingParties =
    [
        ("railway-ticketing", ["rail.g-train.ticket"], "selling G-series train tickets under the court's consumption restrictions"),
        ("civil-aviation-ticketing", ["air.ticket"], "selling flight tickets under the court's consumption restrictions"),
        ("rental-platform", ["deposit-free-rental"], "offering deposit-free rental to creditworthy customers"),
        ("public-procurement-office", ["procurement.bid", "customs.fast-track"], "admitting bidders to public procurement"),
    ];

    public long Records { get; private set; }

    public long Rejected { get; private set; }

    public TimeSpan IntakeTime { get; private set; }

    /// <summary>Of <see cref="IntakeTime"/>: the stories' steps, the scheduler's weekly runs (and the subjects they handled), the submissions.</summary>
    public (TimeSpan Stories, TimeSpan Scheduler, long Handled, TimeSpan Submissions, int Weeks) Split { get; private set; }

    /// <summary>The due-process stories and their subjects' keys (told once the replay is done).</summary>
    public IReadOnlyList<(DueProcessStory Story, string Key)> StoryKeys => storyKeys;

    /// <summary>Activates the policies from the start of the city's history.</summary>
    public async Task ActivatePoliciesAsync(string policiesDirectory, CancellationToken cancellationToken)
    {
        var op = Principal.LocalOperator("demo-operator");
        foreach (var file in new[] { "rongcheng-persons.yaml", "organisations.yaml" })
        {
            var upload = await registry.Policies.UploadAsync(op, await File.ReadAllTextAsync(Path.Combine(policiesDirectory, file), cancellationToken), file, cancellationToken);
            var tag = upload.GetValueOrThrow().Policy.Tag;

            // The two-person rule: the version is simulated, and a second operator signs that report off, before it may be activated.
            var report = (await registry.Simulations.SimulateStoredAsync(op, tag, null, null, cancellationToken: cancellationToken)).GetValueOrThrow();
            (await registry.Simulations.SignOffAsync(Principal.LocalOperator("demo-second-operator"), tag, report.Digest, cancellationToken)).GetValueOrThrow();
            (await registry.Policies.ActivateAsync(op, tag, city.Start.AddDays(-1), cancellationToken)).GetValueOrThrow();
        }
    }

    /// <summary>
    /// Registers every organisation's name, in Chinese and in English, as the market regulator's
    /// business register would (for the public search by name), in units of a few thousand.
    /// </summary>
    public async Task RegisterNamesAsync(CancellationToken cancellationToken)
    {
        var op = Principal.LocalOperator("demo-operator");
        var names = city.Organisations.SelectMany(o => new[] { new OrganisationName(o.Code, "zh", o.NameZh), new OrganisationName(o.Code, "en", o.Name) });
        foreach (var chunk in names.Chunk(5_000))
        {
            (await registry.Public.RegisterNamesAsync(op, chunk, cancellationToken)).GetValueOrThrow();
        }
    }

    /// <summary>
    /// Registers every source and one principal of every other role, and plans the due-process
    /// stories with their subjects' keys; returns the keys of the roles.
    /// </summary>
    public async Task<DemoKeys> RegisterAsync(CancellationToken cancellationToken)
    {
        await RegisterNamesAsync(cancellationToken);
        var op = Principal.LocalOperator("demo-operator");
        var keys = new List<(string, string, string, string)>();
        var principals = new Dictionary<string, Principal>(StringComparer.Ordinal);
        async Task Add(PrincipalRegistration registration, string scope)
        {
            var issued = (await registry.Principals.CreateKeyAsync(op, registration, cancellationToken)).GetValueOrThrow();
            principals[issued.Principal.Name] = issued.Principal;
            keys.Add(DemoKeys.Line(issued, scope));
        }

        await Add(new PrincipalRegistration(Role.Operator, "city-operator"), "policies, keys, summary");

        // The two-person rule's second operator, with a key of its own from the command line (a key city-operator
        // issued would make them one person): it signs off what city-operator uploads, in the portal or the API.
        await Add(new PrincipalRegistration(Role.Operator, "city-policy-reviewer"), "signs off policy versions city-operator uploads");
        foreach (var source in city.Sources)
        {
            await Add(new PrincipalRegistration(Role.Source, source.Id, RecordTypes: source.RecordTypes), string.Join(", ", source.RecordTypes));
        }

        foreach (var (name, capabilities, purpose) in RelyingParties)
        {
            await Add(new PrincipalRegistration(Role.RelyingParty, name, Capabilities: capabilities, Purpose: purpose), string.Join(", ", capabilities));
        }

        await Add(new PrincipalRegistration(Role.Reviewer, "dispute-reviewer"), "subject files (with a stated purpose)");
        await Add(new PrincipalRegistration(Role.Auditor, "registry-auditor"), "subject files, access log, summary");
        foreach (var showcase in city.Showcase.Where(s => s.Kind == SubjectKind.Person).Take(3))
        {
            await Add(new PrincipalRegistration(Role.Subject, $"subject-{showcase.Index}", Subject: showcase.Subject), $"{showcase.Subject}: {showcase.Story}");
        }

        var parties = new StoryParties(registry, new DateTimeOffset(city.End.UtcDateTime.Date, TimeSpan.Zero),
            principals["court"], principals["tax-bureau"], principals["utilities"], principals["civil-aviation-ticketing"], principals["railway-ticketing"]);
        foreach (var story in DueProcessStories.Cast(city))
        {
            var issued = (await registry.Principals.CreateKeyAsync(op, new PrincipalRegistration(Role.Subject, story.PrincipalName, Subject: story.Person.Id), cancellationToken)).GetValueOrThrow();
            story.Plan(agenda, parties, issued.Principal);
            storyKeys.Add((story, issued.Key));
        }

        return new DemoKeys(keys);
    }

    /// <summary>Replays the city's records through intake in weekly steps; <paramref name="advance"/> reports progress in records.</summary>
    public async Task ReplayAsync(Action<long> advance, CancellationToken cancellationToken)
    {
        var sources = await registry.Store.ReadAsync(r => city.Sources.ToDictionary(s => s.Id, s => r.FindPrincipal(s.Id) ?? throw new InvalidOperationException($"source {s.Id} is not registered")), cancellationToken);
        var pending = new Dictionary<string, List<RecordLine>>(StringComparer.Ordinal);
        var weekEnd = city.Start.AddDays(7);
        var last = city.Start;
        var watch = Stopwatch.StartNew();
        foreach (var (sourceId, line) in city.Records())
        {
            var reported = DateTimeOffset.Parse(line.Reported ?? line.Occurred!, System.Globalization.CultureInfo.InvariantCulture);
            if (reported >= weekEnd)
            {
                await FlushAsync(sources, pending, last, advance, cancellationToken);
                while (reported >= weekEnd)
                {
                    weekEnd = weekEnd.AddDays(7);
                }
            }

            last = reported > last ? reported : last;
            if (!pending.TryGetValue(sourceId, out var lines))
            {
                pending[sourceId] = lines = [];
            }

            lines.Add(line);
        }

        await FlushAsync(sources, pending, last, advance, cancellationToken);
        IntakeTime = watch.Elapsed;
    }

    /// <summary>Takes the stories' steps that fall after the city's last week, up to its end.</summary>
    public Task FinishStoriesAsync(CancellationToken cancellationToken) => agenda.RunUntilAsync(city.End, cancellationToken);

    private async Task FlushAsync(Dictionary<string, Principal> sources, Dictionary<string, List<RecordLine>> pending, DateTimeOffset at, Action<long> advance, CancellationToken cancellationToken)
    {
        // The stories' steps of the week come first, each at its instant; then every record of the
        // week is reported at the week's last report instant, never before it happened, once the
        // scheduler has acted on what fell due (listing terms, publication periods, deadlines).
        var started = Stopwatch.GetTimestamp();
        await agenda.RunUntilAsync(at, cancellationToken);
        var told = Stopwatch.GetTimestamp();
        clock.AdvanceTo(at);
        var handled = await registry.Scheduler.RunDueAsync(cancellationToken);
        var scheduled = Stopwatch.GetTimestamp();
        // Every source's records of the week are queued at once, in source order, so the writer
        // commits them together: one durable transaction a week instead of one per source.
        var weekly = pending.Where(p => p.Value.Count > 0).OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        var results = new List<BatchResult>[weekly.Count];
        var submissions = new Task<Outcome<long>>[weekly.Count];
        for (var i = 0; i < weekly.Count; i++)
        {
            var (sourceId, lines) = weekly[i];
            var mine = results[i] = [];
            submissions[i] = registry.Intake.SubmitInOrderAsync(sources[sourceId], lines.Chunk(BatchLines).Select(NumberedLine.All).ToList(), mine.Add, cancellationToken: cancellationToken);
        }

        foreach (var submitted in await Task.WhenAll(submissions))
        {
            submitted.GetValueOrThrow();
        }

        var split = Split;
        Split = (split.Stories + Stopwatch.GetElapsedTime(started, told), split.Scheduler + Stopwatch.GetElapsedTime(told, scheduled), split.Handled + handled,
            split.Submissions + Stopwatch.GetElapsedTime(scheduled), split.Weeks + 1);

        foreach (var result in results.SelectMany(r => r))
        {
            Records += result.Accepted;
            Rejected += result.Rejected;
            advance(result.Fates.Length);
        }

        foreach (var (_, lines) in weekly)
        {
            lines.Clear();
        }
    }

    /// <summary>The city's fairness report now, as the demo's operator (one logged read, like any other).</summary>
    public async Task<Core.Fairness.FairnessReport> FairnessAsync(CancellationToken cancellationToken) =>
        (await registry.Fairness.ReportAsync(Principal.LocalOperator("demo-operator"), new Registry.Fairness.FairnessRequest(), cancellationToken: cancellationToken)).GetValueOrThrow();

    /// <summary>Re-scores what became due during the replay, then returns the registry's summary as of now.</summary>
    public async Task<RegistrySummary> SummaryAsync(CancellationToken cancellationToken)
    {
        await registry.State.RefreshAsync(cancellationToken);
        return await registry.State.SummaryAsync(cancellationToken);
    }
}
