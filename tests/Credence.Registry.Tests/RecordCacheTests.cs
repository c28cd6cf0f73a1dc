using Credence.Registry.Access;
using Microsoft.Extensions.Time.Testing;

namespace Credence.Registry.Tests;

/// <summary>The writer keeps re-scored subjects' records in memory; these show it never scores from a stale copy.</summary>
public class RecordCacheTests
{
    [Fact]
    public async Task Records_another_connection_committed_count_at_the_next_rescoring()
    {
        await using var t = await TestRegistry.CreateAsync();
        var court = await t.CourtAsync();
        await t.Registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Bob, "Z-1"));
        Assert.Equal("court-defaulters", Assert.Single((await t.Registry.Store.ReadAsync(r => r.FindSubjectState(Ids.Bob)))!.Lists));

        // Another process (an import) writes to the same file: the performance ends the listing there.
        await using (var other = CredenceRegistry.Open(t.DatabasePath, t.Clock))
        {
            Assert.Equal(Intake.FateKind.Accepted, (await other.Intake.SubmitAsync(court, Lines.Performed(Ids.Bob, "Z-2"))).GetValueOrThrow().Fate);
        }

        // This registry re-scores Bob from all three records, the one it did not write included.
        await t.Registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Bob, "Z-3"));
        Assert.Empty((await t.Registry.Store.ReadAsync(r => r.FindSubjectState(Ids.Bob)))!.Lists);
    }

    [Fact]
    public async Task A_decision_counts_records_another_connection_stored_since_the_last_decision()
    {
        await using var t = await TestRegistry.CreateAsync();
        var court = await t.CourtAsync();
        var rail = await t.RelyingPartyAsync("rail", "tickets", "rail.g-train.ticket");
        Assert.True((await t.Registry.Decisions.DecideAsync(rail, Ids.Bob, "rail.g-train.ticket")).GetValueOrThrow().Allowed);

        await using (var other = CredenceRegistry.Open(t.DatabasePath, t.Clock))
        {
            await other.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Bob, "Z-1"));
        }

        Assert.False((await t.Registry.Decisions.DecideAsync(rail, Ids.Bob, "rail.g-train.ticket")).GetValueOrThrow().Allowed);
    }

    [Fact]
    public async Task Records_of_a_rolled_back_batch_do_not_count_later()
    {
        var folder = Path.Combine(Path.GetTempPath(), "credence-tests", Guid.NewGuid().ToString("N"));
        var clock = new FakeTimeProvider(TestRegistry.Start);
        await using (var registry = new CredenceRegistry(new FailingStore(Storage.Sqlite.SqliteRegistryStore.Open(Path.Combine(folder, "r.db"), clock), failAfterInserts: 2), clock))
        {
            var op = Principal.LocalOperator();
            var tag = (await registry.Policies.UploadAsync(op, TestRegistry.PolicyText("rongcheng-persons.yaml"))).GetValueOrThrow().Policy.Tag;
            await registry.SignOffAsync(tag);
            await registry.Policies.ActivateAsync(op, tag);
            var court = (await registry.Principals.CreateKeyAsync(op, new Principals.PrincipalRegistration(Role.Source, "court", RecordTypes: ["judgment-defaulter", "judgment-performed"]))).GetValueOrThrow().Principal;
            await registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Alice, "1"));

            // The performance is inserted, then the batch fails and is rolled back.
            await Assert.ThrowsAsync<IOException>(() => registry.Intake.SubmitBatchAsync(court,
                [Lines.Performed(Ids.Alice, "2"), Lines.Defaulter(Ids.Bob, "3"), Lines.Defaulter(Ids.Carol, "4")]));

            await registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Alice, "5"));
            Assert.Equal("court-defaulters", Assert.Single((await registry.Store.ReadAsync(r => r.FindSubjectState(Ids.Alice)))!.Lists));
            Assert.Equal(2, (await registry.Store.ReadAsync(r => r.SubjectRecords(Core.Identifiers.SubjectIdentifiers.Parse(Ids.Alice, DateOnly.FromDateTime(TestRegistry.Start.UtcDateTime))))).Count);
        }

        Directory.Delete(folder, recursive: true);
    }
}
