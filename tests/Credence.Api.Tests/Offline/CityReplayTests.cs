using System.Text.Json;
using Credence.App;
using Credence.App.Cli;
using Credence.App.Http.Documents;
using Credence.App.Output;
using Credence.Core.Explanations;
using Credence.Core.Identifiers;
using Credence.Core.Records;
using Credence.Registry;
using Credence.Registry.Access;
using Credence.Registry.Disclosure;
using Credence.Registry.Principals;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace Credence.Api.Tests.Offline;

/// <summary>
/// Every file of a small demo city, reproduced offline: each subject's disclosure, downloaded through
/// the registry's use case and serialised as the API serves it, is scored through the path
/// <c>credence score --disclosure</c> takes, at the file's instant and on both sides of every change
/// the file holds, and compared with the registry; every decision is replayed to its recorded answer.
/// </summary>
[Collection(nameof(ConsoleCollection))]
public sealed class CityReplayTests(ITestOutputHelper output) : IDisposable
{
    private static readonly DateTimeOffset End = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly string folder = Path.Combine(Path.GetTempPath(), "credence-city-replay", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Every_file_and_every_decision_of_a_demo_city_replays_offline_on_both_sides_of_every_change()
    {
        Directory.CreateDirectory(folder);
        var db = Path.Combine(folder, "city.db");
        Assert.Equal(0, Quietly(() => CliRun.Invoke(["demo", "--persons", "300", "--db", db, "--no-serve", "--end", End.ToString("O")], new FakeTimeProvider(End.AddHours(1)))));

        var clock = new FakeTimeProvider(End.AddHours(2));
        await using var registry = CredenceRegistry.Open(db, clock);
        var cases = await CityCases.TellAsync(registry, clock);
        Assert.True(cases.OpenDisputes >= 1 && cases.ClosedDisputes >= 3 && cases.GrantedRepairs >= 1, cases.ToString());

        var operatorKey = Principal.LocalOperator("replay-test");
        var subjects = new List<SubjectId>();
        foreach (var kind in Enum.GetValues<SubjectKind>())
        {
            var after = string.Empty;
            while (await registry.Store.ReadAsync(r => r.SubjectsOfKind(kind, after, 1000)) is { Count: > 0 } page)
            {
                subjects.AddRange(page.Select(s => SubjectIdentifiers.Parse(s, DateOnly.MaxValue)));
                after = page[^1];
            }
        }

        var policyFiles = new Dictionary<string, PolicySource>(StringComparer.Ordinal);
        foreach (var p in await registry.Public.PoliciesAsync())
        {
            var (published, yaml) = (await registry.Public.PolicyTextAsync(p.PolicyId, p.Version)).GetValueOrThrow();
            var path = Path.Combine(folder, $"{published.Tag}.yaml");
            await File.WriteAllTextAsync(path, yaml);
            policyFiles[p.Tag] = (await PolicySource.LoadAsync(path, CancellationToken.None)).Source ?? throw new InvalidOperationException(path);
        }

        int files = 0, decisions = 0, instants = 0, withDisputes = 0, withRepairs = 0, withOpenDisputes = 0;
        foreach (var subject in subjects)
        {
            var key = (await registry.Principals.CreateKeyAsync(operatorKey, new PrincipalRegistration(Role.Subject, $"replay-{subject.Value.ToLowerInvariant()}", Subject: subject.Value))).GetValueOrThrow();
            var view = (await registry.Disclosure.DownloadAsync(key.Principal, "json")).GetValueOrThrow();
            var json = JsonSerializer.Serialize(DisclosureDocument.From(view), CredenceJson.Compact);
            Assert.NotNull(view.Policy);
            var opened = DisclosureReplay.Open(json, [policyFiles[view.Policy.Tag]], clock.GetUtcNow(), out var problem) ?? throw new InvalidOperationException(problem);
            Assert.StartsWith($"policy {view.Policy.Tag} (", opened.Check, StringComparison.Ordinal);
            Assert.EndsWith("matches the file", opened.Check, StringComparison.Ordinal);
            files++;
            withDisputes += view.Disputes.IsEmpty ? 0 : 1;
            withOpenDisputes += view.Disputes.Any(d => d.IsOpen) ? 1 : 0;
            withRepairs += view.Repairs.Any(r => r.Granted) ? 1 : 0;

            // At the file's instant: the whole assessment, explanation and path forward included.
            var now = DisclosureReplay.At(opened, view.AsOf, out problem) ?? throw new InvalidOperationException(problem);
            Assert.Equal(Json(view.Assessment!), Json(now.Assessment));

            // Every decision, re-taken at its own instant, gives its recorded answer and reasons.
            Assert.Equal(view.Decisions.Length, now.Decisions.Count);
            foreach (var d in now.Decisions)
            {
                Assert.True(d.Matches, $"{subject}: decision {d.Recorded.DecisionId} at {d.Recorded.DecidedAt:O} recorded {d.Recorded.Allowed}, replayed {d.Replayed?.Allowed} {d.NotReplayed}");
                decisions++;
            }

            // Each step of the score history, as the registry derived it.
            foreach (var point in view.ScoreHistory)
            {
                var then = DisclosureReplay.At(opened, point.At, out problem)!.Assessment;
                Assert.Equal((point.PolicyVersion, point.Status, point.Score, point.Grade, string.Join(",", point.Lists)),
                    (then.PolicyVersion, then.Status, then.Score, then.Grade, string.Join(",", then.Listings.Select(l => l.List))));
            }

            // Both sides of every change the file holds: each version's report, each dispute step and deadline, each repair.
            foreach (var change in opened.File.History.Changes.Where(c => c <= view.AsOf))
            {
                foreach (var at in new[] { change.AddTicks(-1), change, change.AddTicks(1) }.Where(t => t <= view.AsOf))
                {
                    var expected = await registry.Disclosure.AssessAtAsync(subject, at);
                    var offline = DisclosureReplay.At(opened, at, out problem)!;
                    if (expected is null)
                    {
                        continue;
                    }

                    Assert.True(Json(expected) == Json(offline.Assessment), $"{subject} at {at:O}:\nregistry {Json(expected)}\noffline  {Json(offline.Assessment)}");
                    instants++;
                }
            }
        }

        output.WriteLine($"{files} files ({withDisputes} with disputes, {withOpenDisputes} with an open dispute, {withRepairs} with a granted repair), {decisions} decisions, {instants} instants compared; {cases}");
        Assert.True(withOpenDisputes >= 1 && withRepairs >= 1 && decisions > 0, $"{withOpenDisputes} open, {withRepairs} repaired, {decisions} decisions");
    }

    private static string Json(Assessment a) => JsonSerializer.Serialize(AssessmentDocument.From(a), CredenceJson.Compact);

    private static int Quietly(Func<int> run)
    {
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        using var sink = new StringWriter();
        Console.SetOut(sink);
        Console.SetError(sink);
        try
        {
            return run();
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
    }
}
