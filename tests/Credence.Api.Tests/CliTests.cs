using System.Text;
using Credence.App;
using Credence.Registry;
using Credence.Registry.Principals;
using Microsoft.Extensions.Time.Testing;

namespace Credence.Api.Tests;

[CollectionDefinition(nameof(ConsoleCollection), DisableParallelization = true)]
public sealed class ConsoleCollection;

/// <summary>The registry commands of the command line, run in-process on a real database file.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class CliTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "credence-cli-tests", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider clock = new(ApiHost.Start);

    public CliTests() => Directory.CreateDirectory(folder);

    private string Db => Path.Combine(folder, "registry.db");

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task Keys_are_created_listed_and_revoked_and_a_key_is_printed_once()
    {
        var (exit, output, _) = Run("keys", "create", "--db", Db, "--role", "source", "--name", "court", "--types", "judgment-defaulter,judgment-performed", "--types", "defaulter-term-extended");
        Assert.Equal(0, exit);
        var key = output.Split(' ', '\n').Single(w => w.StartsWith("cred_", StringComparison.Ordinal)).Trim();
        await using (var registry = CredenceRegistry.Open(Db, clock))
        {
            var principal = (await registry.Principals.AuthenticateAsync("Bearer " + key, "test")).GetValueOrThrow();
            Assert.Equal(["judgment-defaulter", "judgment-performed", "defaulter-term-extended"], principal.RecordTypes.ToArray());
        }

        var listed = Run("keys", "list", "--db", Db);
        Assert.Contains("source court: key 1", listed.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(key, listed.Out, StringComparison.Ordinal);
        Assert.Equal(0, Run("keys", "revoke", "--db", Db, "--id", "1").Exit);
        Assert.Contains("key 1 (revoked)", Run("keys", "list", "--db", Db).Out, StringComparison.Ordinal);
        Assert.Equal(1, Run("keys", "revoke", "--db", Db, "--id", "1").Exit);

        var refused = Run("keys", "create", "--db", Db, "--role", "relying-party", "--name", "rail", "--capabilities", "air.ticket");
        Assert.Equal((1, true), (refused.Exit, refused.Err.StartsWith("purpose-required:", StringComparison.Ordinal)));
        Assert.Equal(1, Run("keys", "create", "--db", Db, "--role", "emperor", "--name", "x").Exit);
    }

    [Fact]
    public void Policy_activate_stores_and_activates_and_refuses_bad_policies_and_past_instants()
    {
        CliRun.SignOff(clock, PolicyPath("rongcheng-persons.yaml"), "--db", Db);
        var ok = Run("policy", "activate", PolicyPath("rongcheng-persons.yaml"), "--db", Db);
        Assert.Equal(0, ok.Exit);
        // credence simulate stored the draft, so that its report could be signed off.
        Assert.Contains("rongcheng-persons@2026.1 already stored; active for persons from 2026-06-01T08:00:00Z", ok.Out, StringComparison.Ordinal);
        Assert.Contains("already stored", Run("policy", "activate", PolicyPath("rongcheng-persons.yaml"), "--db", Db, "--from", "2026-07-01T00:00:00Z").Out, StringComparison.Ordinal);

        var past = Run("policy", "activate", PolicyPath("organisations.yaml"), "--db", Db, "--from", "2020-01-01T00:00:00Z");
        Assert.Equal(1, past.Exit);
        Assert.StartsWith(PolicyPath("organisations.yaml") + ": bad-value:", past.Err, StringComparison.Ordinal);

        var bad = Path.Combine(folder, "bad.yaml");
        File.WriteAllText(bad, File.ReadAllText(PolicyPath("rongcheng-persons.yaml")).Replace("matter: heroic-acts", "matter: ethnicity", StringComparison.Ordinal));
        var refused = Run("policy", "activate", bad, "--db", Db);
        Assert.Equal(1, refused.Exit);
        Assert.Contains("invalid-policy", refused.Err, StringComparison.Ordinal);
        Assert.Contains(bad + ":", refused.Out, StringComparison.Ordinal);
        Assert.Equal(1, Run("policy", "activate", Path.Combine(folder, "missing.yaml"), "--db", Db).Exit);
    }

    [Fact]
    public void Import_reports_every_fate_and_importing_again_changes_nothing()
    {
        CliRun.SignOff(clock, PolicyPath("rongcheng-persons.yaml"), "--db", Db);
        Assert.Equal(0, Run("policy", "activate", PolicyPath("rongcheng-persons.yaml"), "--db", Db).Exit);
        Assert.Equal(1, Run("import", Write("none.ndjson", "{}"), "--db", Db, "--source", "court").Exit);
        Run("keys", "create", "--db", Db, "--role", "source", "--name", "court", "--types", "judgment-defaulter");

        var lines = new StringBuilder();
        for (var i = 0; i < 25; i++)
        {
            lines.Append("{\"subject\":\"").Append(Person(i)).Append("\",\"type\":\"judgment-defaulter\",\"area\":\"judicial\",\"occurred\":\"2026-05-01T00:00:00Z\",\"sourceRecordId\":\"Z-").Append(i).Append("\",\"legalBasis\":\"case ").Append(i).Append("\"}\n");
        }

        var good = Write("court.ndjson", lines.ToString());
        var first = Run("import", good, "--db", Db, "--source", "court", "--batch-size", "10");
        Assert.Equal(0, first.Exit);
        Assert.Contains("25 lines from source 'court': 25 accepted, 0 duplicate, 0 rejected", first.Out, StringComparison.Ordinal);
        var again = Run("import", good, "--db", Db, "--source", "court");
        Assert.Contains("0 accepted, 25 duplicate, 0 rejected", again.Out, StringComparison.Ordinal);

        var mixed = Write("mixed.ndjson", lines.ToString().Split('\n')[0] + "\n{oops\n\n{\"subject\":\"" + Person(99) + "\",\"type\":\"utility-theft\",\"area\":\"administrative\",\"occurred\":\"2026-05-01T00:00:00Z\",\"sourceRecordId\":\"U-1\",\"legalBasis\":\"x\"}\n");
        var report = Run("import", mixed, "--db", Db, "--source", "court");
        Assert.Equal(1, report.Exit);
        Assert.Contains("3 lines from source 'court': 0 accepted, 1 duplicate, 2 rejected", report.Out, StringComparison.Ordinal);
        Assert.Contains(mixed + ":2: malformed-json:", report.Out, StringComparison.Ordinal);
        Assert.Contains(mixed + ":4: type-not-permitted:", report.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_reads_CSV_and_refuses_a_bad_header()
    {
        CliRun.SignOff(clock, PolicyPath("rongcheng-persons.yaml"), "--db", Db);
        Run("policy", "activate", PolicyPath("rongcheng-persons.yaml"), "--db", Db);
        Run("keys", "create", "--db", Db, "--role", "source", "--name", "court", "--types", "judgment-defaulter");
        var csv = Write("court.csv", $"subject,type,area,occurred,sourceRecordId,legalBasis\n{Person(1)},judgment-defaulter,judicial,2026-05-01T00:00:00Z,C-1,\"case 1, civil\"\n");
        var imported = Run("import", csv, "--db", Db, "--source", "court");
        Assert.Equal(0, imported.Exit);
        Assert.Contains("1 accepted", imported.Out, StringComparison.Ordinal);

        var bad = Run("import", Write("bad.csv", "subject,shoe-size\n"), "--db", Db, "--source", "court");
        Assert.Equal(1, bad.Exit);
        Assert.Contains("malformed-csv", bad.Err, StringComparison.Ordinal);
    }

    private static string Person(int n) => Core.Identifiers.ResidentIdentityNumber.Create("310101", new DateOnly(1980, 1, 1).AddDays(n), 7);

    private static string PolicyPath(string file) => Path.Combine(AppContext.BaseDirectory, "policies", file);

    private string Write(string name, string content)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    private (int Exit, string Out, string Err) Run(params string[] args) => CliRun.Run(clock, args);
}
