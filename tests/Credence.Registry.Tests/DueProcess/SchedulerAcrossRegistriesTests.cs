using Credence.Core.DueProcess;
using Credence.Registry.Access;
using Credence.Registry.Principals;
using Credence.Registry.Storage;
using Credence.Registry.Tests.Postgres;
using Microsoft.Extensions.Time.Testing;

namespace Credence.Registry.Tests.DueProcess;

/// <summary>
/// Every silo of a cluster runs its own due-process scheduler over the one PostgreSQL store (docs/cluster.md). A
/// deadline is still met exactly once: the store's writers take turns (one advisory lock per transaction) and each
/// re-scoring reads the subject's last evaluation inside its turn, so a second scheduler finds the transition done.
/// When a registry dies, any other meets its deadlines from the stored due-index. Fake clocks throughout.
/// </summary>
public sealed class SchedulerAcrossRegistriesTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>The defaulter term of every seeded subject ends here (two years after 2024-06-05).</summary>
    private static readonly DateTimeOffset TermEnds = new(2026, 6, 5, 0, 0, 0, TimeSpan.Zero);

    private readonly PostgresDatabase database = PostgresDatabase.Create();

    private static IReadOnlyList<string> Subjects { get; } = [Ids.Bob, .. Enumerable.Range(1, 30).Select(Ids.Person)];

    [Fact]
    public async Task Three_schedulers_racing_at_a_deadline_act_on_it_exactly_once()
    {
        var clock = new FakeTimeProvider(Start);
        var registries = Enumerable.Range(0, 3).Select(_ => Open(clock)).ToList();
        try
        {
            await SeedAsync(registries[0]);
            clock.SetUtcNow(TermEnds.AddSeconds(1));

            // Each registry's scheduler runs over and over, all at once, as the silos' loops would.
            await Task.WhenAll(registries.SelectMany(r => Enumerable.Range(0, 4).Select(_ => Task.Run(() => r.Scheduler.RunDueAsync()))));

            await AssertMetOnceAsync(registries[1]);
            Assert.True(await registries[2].Scheduler.NextDueAtAsync() > TermEnds);
        }
        finally
        {
            foreach (var registry in registries)
            {
                await registry.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_deadline_the_dead_registry_would_have_met_is_met_once_by_a_survivor()
    {
        var clock = new FakeTimeProvider(Start);
        var survivor = Open(clock);
        try
        {
            // The registry that took the records dies before the deadline without having acted on it.
            var dead = Open(clock);
            await SeedAsync(dead);
            await dead.DisposeAsync();

            clock.SetUtcNow(TermEnds.AddMinutes(5));
            Assert.Equal(Subjects.Count, await survivor.Scheduler.RunDueAsync());
            Assert.Equal(0, await survivor.Scheduler.RunDueAsync());
            await AssertMetOnceAsync(survivor);

            // A registry that joins afterwards finds nothing left to do.
            await using var joined = Open(clock);
            Assert.Equal(0, await joined.Scheduler.RunDueAsync());
            await AssertMetOnceAsync(joined);
        }
        finally
        {
            await survivor.DisposeAsync();
        }
    }

    public void Dispose()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        database.Dispose();
    }

    private CredenceRegistry Open(TimeProvider clock) => CredenceRegistry.Open(StoreChoice.Database(database.ConnectionString), clock);

    /// <summary>Every seeded subject's listing ended, with exactly one delisting notice each, and nothing of it twice in the ledger's rows.</summary>
    private static async Task AssertMetOnceAsync(CredenceRegistry registry)
    {
        foreach (var subject in Subjects)
        {
            Assert.Empty(await registry.Store.ReadAsync(r => r.SubjectListings(subject, openOnly: true)));
            var notices = await registry.Store.ReadAsync(r => r.SubjectNotices(subject, 100));
            Assert.Single(notices, n => n.Kind == NoticeKind.Delisted);
        }
    }

    private static async Task SeedAsync(CredenceRegistry registry)
    {
        var op = Principal.LocalOperator("test-operator");
        var upload = (await registry.Policies.UploadAsync(op, TestRegistry.PolicyText("rongcheng-persons.yaml"), "rongcheng-persons.yaml")).GetValueOrThrow();
        await registry.SignOffAsync(upload.Policy.Tag);
        (await registry.Policies.ActivateAsync(op, upload.Policy.Tag)).GetValueOrThrow();
        var court = (await registry.Principals.CreateKeyAsync(op, new PrincipalRegistration(Role.Source, "intermediate-court", RecordTypes: ["judgment-defaulter"]))).GetValueOrThrow().Principal;
        foreach (var (subject, n) in Subjects.Select((s, n) => (s, n)))
        {
            (await registry.Intake.SubmitAsync(court, Lines.Defaulter(subject, $"Z-{n}", "2024-06-05T00:00:00Z"))).GetValueOrThrow();
        }

        Assert.Equal(TermEnds, await registry.Scheduler.NextDueAtAsync());
    }
}
