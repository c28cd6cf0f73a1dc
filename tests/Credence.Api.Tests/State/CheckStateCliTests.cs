using Credence.App;
using Credence.Core.Intake;
using Credence.Registry;
using Credence.Registry.Access;
using Credence.Registry.Principals;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Credence.Api.Tests.State;

/// <summary><c>credence check-state</c> on a clean store, on one damaged on purpose, and its repair.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class CheckStateCliTests : IDisposable
{
    private const string Listed = "11010519491231002X";
    private const string Volunteer = "440524188001010014";

    private readonly string folder = Path.Combine(Path.GetTempPath(), "credence-cli-tests", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider clock = new(ApiHost.Start);

    public CheckStateCliTests() => Directory.CreateDirectory(folder);

    private string Db => Path.Combine(folder, "registry.db");

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task A_clean_store_passes_a_damaged_one_is_reported_line_by_line_and_the_repair_is_ledgered()
    {
        await SeedAsync();
        var clean = Run("check-state", "--db", Db);
        Assert.Equal(0, clean.Exit);
        Assert.StartsWith("consistent:", clean.Out, StringComparison.Ordinal);

        // What the race left: the court's listing ended before it started and the state not listed; and a score changed by hand.
        Damage("UPDATE listings SET ended_at = since - 10000000 WHERE subject = $a", Listed);
        Damage("UPDATE subject_state SET lists = '', evaluated_at = evaluated_at - 20000000 WHERE subject = $a", Listed);
        Damage("UPDATE subject_state SET score = score - 7 WHERE subject = $a", Volunteer);
        var damaged = Run("check-state", "--db", Db);
        Assert.Equal(1, damaged.Exit);
        var lines = damaged.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines, l => l.StartsWith(Listed + ":", StringComparison.Ordinal) && l.Contains("stale:", StringComparison.Ordinal) && l.Contains("before it starts", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith(Volunteer + ":", StringComparison.Ordinal) && l.Contains("score:", StringComparison.Ordinal));
        Assert.StartsWith("DAMAGED: 2 subjects", lines[^1], StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromMinutes(1));
        var repaired = Run("check-state", "--db", Db, "--repair");
        Assert.Equal(0, repaired.Exit);
        Assert.Contains("2 subjects repaired", repaired.Out, StringComparison.Ordinal);
        Assert.Equal(0, Run("check-state", "--db", Db).Exit);
        Assert.Equal(0, Run("verify", "--db", Db).Exit);

        await using var registry = CredenceRegistry.Open(Db, clock);
        foreach (var subject in new[] { Listed, Volunteer })
        {
            var repair = Assert.Single(await registry.Store.ReadAsync(r => r.SubjectAccess(subject, 100)), e => e.Action == "state.repair");
            Assert.Equal("local-operator", repair.Principal);
        }
    }

    [Fact]
    public void A_missing_database_is_refused_with_one_line()
    {
        var (exit, _, error) = Run("check-state", "--db", Path.Combine(folder, "missing.db"));
        Assert.Equal(1, exit);
        Assert.Contains("file not found", error, StringComparison.Ordinal);
        // Implementation note: with --store, --db is no longer a required option the parser checks; a
        // missing store is refused by the store options like any other store choice, exit 1 with one line.
        var (none, _, noneError) = Run("check-state");
        Assert.Equal(1, none);
        Assert.Contains("--db: the registry's SQLite database file is required", noneError, StringComparison.Ordinal);
    }

    private async Task SeedAsync()
    {
        await using var registry = CredenceRegistry.Open(Db, clock);
        var op = Principal.LocalOperator();
        foreach (var file in new[] { "rongcheng-persons.yaml", "organisations.yaml" })
        {
            var tag = (await registry.Policies.UploadAsync(op, ApiHost.PolicyText(file), file)).GetValueOrThrow().Policy.Tag;
            await registry.SignOffAsync(tag);
            (await registry.Policies.ActivateAsync(op, tag)).GetValueOrThrow();
        }

        var court = (await registry.Principals.CreateKeyAsync(op, new PrincipalRegistration(Role.Source, "court", RecordTypes: ["judgment-defaulter"]))).GetValueOrThrow().Principal;
        var charity = (await registry.Principals.CreateKeyAsync(op, new PrincipalRegistration(Role.Source, "charity", RecordTypes: ["volunteering"]))).GetValueOrThrow().Principal;
        (await registry.Intake.SubmitAsync(court, new RecordLine(Listed, "judgment-defaulter", "judicial", "2026-05-01T00:00:00Z", null, null, "d1", "(2026) Enforcement No. 1", null, null, null, null))).GetValueOrThrow();
        (await registry.Intake.SubmitAsync(charity, new RecordLine(Volunteer, "volunteering", "social", "2026-05-01T00:00:00Z", null, null, "v1", null, null, null, null, null))).GetValueOrThrow();
    }

    private void Damage(string sql, string subject)
    {
        using var connection = new SqliteConnection($"Data Source={Db};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$a", subject);
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    private (int Exit, string Out, string Err) Run(params string[] args) => CliRun.Run(clock, args);
}
