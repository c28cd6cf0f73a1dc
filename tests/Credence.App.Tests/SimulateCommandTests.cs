using System.Security.Cryptography;
using System.Text;
using Credence.Core.Identifiers;

namespace Credence.App.Tests;

/// <summary>
/// <c>credence simulate</c> and <c>credence policy sign-off</c>: the report and its digest, the page,
/// the replay, and every hostile input refused with a one-line reason and exit 1.
/// </summary>
[Collection("console")]
public sealed class SimulateCommandTests : IClassFixture<SimulateCommandTests.Setup>, IDisposable
{
    private static readonly string Person = ResidentIdentityNumber.Create("310101", new DateOnly(1980, 3, 15), 7);

    private readonly string folder = Path.Combine(Path.GetTempPath(), "credence-simulate-tests", Guid.NewGuid().ToString("N"));

    public SimulateCommandTests(Setup setup) => setup.CopyTo(folder);

    private string Db => Path.Combine(folder, "registry.db");

    private string Draft => Write("draft.yaml", File.ReadAllText(Cli.Path("policies", "rongcheng-persons.yaml"))
        .Replace("version: \"2026.1\"", "version: \"2026.9\"", StringComparison.Ordinal)
        .Replace("entry: { active-record-of: [judgment-defaulter] }", "entry: { active-record-of: [judgment-defaulter], grade-at-most: D }", StringComparison.Ordinal));

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>Each test's registry: the persons' policy active (simulated and signed off first), a court's key, and one defaulter record.</summary>
    public sealed class Setup() : SetUpFolder(folder =>
    {
        var db = Path.Combine(folder, "registry.db");
        Cli.SignOff(Cli.Path("policies", "rongcheng-persons.yaml"), "--db", db);
        Assert.Equal(0, Cli.Run("policy", "activate", Cli.Path("policies", "rongcheng-persons.yaml"), "--db", db).Exit);
        Assert.Equal(0, Cli.Run("keys", "create", "--db", db, "--role", "source", "--name", "court", "--types", "judgment-defaulter").Exit);
        var line = System.Text.Json.JsonSerializer.Serialize(new { subject = Person, type = "judgment-defaulter", area = "judicial", occurred = "2026-05-01T00:00:00Z", sourceRecordId = "Z-1", legalBasis = "case 1" });
        var records = Path.Combine(folder, "records.ndjson");
        File.WriteAllText(records, line + "\n", new UTF8Encoding(false));
        Assert.Equal(0, Cli.Run("import", records, "--db", db, "--source", "court").Exit);
    });

    private string Write(string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    [Fact]
    public void The_report_its_canonical_json_its_digest_and_its_page()
    {
        var text = Cli.Run("simulate", "--policy", Draft, "--db", Db);
        Assert.True(text.Exit == 0, text.Err);
        Assert.Contains("rongcheng-persons@2026.9 against rongcheng-persons@2026.1", text.Out, StringComparison.Ordinal);
        Assert.Contains("list court-defaulters: 1 -> 0 (0 enter, 1 leave)", text.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(Person, text.Out, StringComparison.Ordinal);

        var page = Path.Combine(folder, "report.html");
        var json = Cli.Run("simulate", "--policy", Draft, "--db", Db, "--json", "--html", page);
        Assert.Equal(0, json.Exit);
        var canonical = json.Out.TrimEnd('\n');
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
        var html = File.ReadAllText(page);
        Assert.Contains(digest, html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("<table class=\"numbers\">", html, StringComparison.Ordinal);
        Assert.Contains("等级变化", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);

        // A purpose shows the id (and is logged); the second report is the newest, so only it can be signed off.
        var open = Cli.Run("simulate", "--policy", Draft, "--db", Db, "--purpose", "核对草案 review of the draft");
        Assert.Contains(Person, open.Out, StringComparison.Ordinal);
    }

    /// <summary>120 persons of Beijing with a late card payment each and 120 of Guangdong who volunteered, imported by one source.</summary>
    private void City()
    {
        Assert.Equal(0, Cli.Run("keys", "create", "--db", Db, "--role", "source", "--name", "bank", "--types", "late-credit-card-payment", "volunteering").Exit);
        var lines = new StringBuilder();
        for (var i = 0; i < 120; i++)
        {
            foreach (var (region, type, area) in new[] { ("110105", "late-credit-card-payment", "commercial"), ("440305", "volunteering", "social") })
            {
                var subject = ResidentIdentityNumber.Create(region, new DateOnly(1970 + (i % 30), 1 + (i % 12), 1), i);
                lines.Append(System.Text.Json.JsonSerializer.Serialize(new { subject, type, area, occurred = "2026-04-01T00:00:00Z", sourceRecordId = $"{type}-{i}", legalBasis = "agreement " + i })).Append('\n');
            }
        }

        var imported = Cli.Run("import", Write("city.ndjson", lines.ToString()), "--db", Db, "--source", "bank");
        Assert.True(imported.Exit == 0, imported.Err);
    }

    /// <summary>A draft under which a late card payment also puts a person on the court defaulter list.</summary>
    private string ListsLatePayers(string version = "2026.8") => Write($"late-{version}.yaml", File.ReadAllText(Cli.Path("policies", "rongcheng-persons.yaml"))
        .Replace("version: \"2026.1\"", $"version: \"{version}\"", StringComparison.Ordinal)
        .Replace("entry: { active-record-of: [judgment-defaulter] }", "entry: { active-record-of: [judgment-defaulter, late-credit-card-payment] }", StringComparison.Ordinal));

    [Fact]
    public void The_summary_says_plainly_which_disparity_the_draft_introduces_and_the_json_and_page_hold_it()
    {
        City();
        var draft = ListsLatePayers();
        var page = Path.Combine(folder, "fair.html");
        var text = Cli.Run("simulate", "--policy", draft, "--db", Db, "--html", page);
        Assert.True(text.Exit == 0, text.Err);
        var lines = text.Out.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("fairness: Fairness of rongcheng-persons@2026.8 against rongcheng-persons@2026.1: 0 disparities under rongcheng-persons@2026.1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("fairness: Introduces [the four-fifths rule", StringComparison.Ordinal)
            && l.Contains("region (province) Beijing: listed on", StringComparison.Ordinal)
            && l.Contains("for 100.0%", StringComparison.Ordinal)
            && l.Contains("0.0% under rongcheng-persons@2026.1", StringComparison.Ordinal)
            && l.Contains("Record types that carry it: late-credit-card-payment", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("fairness: Removes", StringComparison.Ordinal));

        var html = File.ReadAllText(page);
        Assert.Contains("公平性：草案带来的差异", html, StringComparison.Ordinal);
        Assert.Contains("Introduces [the four-fifths rule", html, StringComparison.Ordinal);
        Assert.Contains("新增【五分之四规则", html, StringComparison.Ordinal);
        Assert.Contains("small, not judged", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);

        // The canonical JSON (what the digest names) holds the section.
        var json = Cli.Run("simulate", "--policy", draft, "--db", Db, "--json");
        Assert.Contains("\"fairness\":{\"against\":\"rongcheng-persons@2026.1\"", json.Out, StringComparison.Ordinal);
        Assert.Contains("\"disparity\":\"introduced\"", json.Out, StringComparison.Ordinal);

        // Going back from the draft removes what it introduced, and the summary says that too.
        var back = Write("back.yaml", File.ReadAllText(Cli.Path("policies", "rongcheng-persons.yaml")).Replace("version: \"2026.1\"", "version: \"2026.11\"", StringComparison.Ordinal));
        var removed = Cli.Run("simulate", "--policy", back, "--db", Db, "--against", "rongcheng-persons@2026.8");
        Assert.True(removed.Exit == 0, removed.Err);
        Assert.Contains(removed.Out.Split('\n'), l => l.StartsWith("fairness: Removes [the four-fifths rule", StringComparison.Ordinal) && l.Contains("Beijing", StringComparison.Ordinal) && l.Contains("It was carried by: late-credit-card-payment", StringComparison.Ordinal));
    }

    [Fact]
    public void A_draft_that_changes_no_disparity_says_so_and_names_the_cohorts_too_small_to_judge()
    {
        var text = Cli.Run("simulate", "--policy", Draft, "--db", Db);
        Assert.True(text.Exit == 0, text.Err);
        Assert.Contains("fairness: The draft introduces no disparity and removes none.\n", text.Out, StringComparison.Ordinal);
        Assert.Contains("fewer than 100 subjects under the draft (region (province) Shanghai: 1", text.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Activation_without_a_signed_off_report_is_refused()
    {
        var refused = Cli.Run("policy", "activate", Draft, "--db", Db);
        Assert.Equal(1, refused.Exit);
        Assert.Contains("no-simulation", refused.Err, StringComparison.Ordinal);
        Assert.Equal(0, Cli.Run("simulate", "--policy", Draft, "--db", Db).Exit);
        Assert.Contains("no-sign-off", Cli.Run("policy", "activate", Draft, "--db", Db).Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--as-of", "yesterday", "not an ISO 8601 instant")]
    [InlineData("--as-of", "2026-06-01", "not an ISO 8601 instant")]
    [InlineData("--as-of", "2026-06-01T00:00:00", "not an ISO 8601 instant")]
    [InlineData("--as-of", "２０２６-06-01T00:00:00Z", "not an ISO 8601 instant")]
    [InlineData("--as-of", "2027-06-01T00:00:00Z", "future-instant")]
    [InlineData("--against", "nothing@1", "not-found")]
    [InlineData("--against", "rongcheng-persons@2026.1\u200b", "invisible-character")]
    [InlineData("--purpose", "   ", "purpose-required")]
    [InlineData("--purpose", "\u3000", "purpose-required")]
    [InlineData("--purpose", "\t", "purpose-required")]
    [InlineData("--purpose", "why\u0085", "control-character")]
    [InlineData("--replay", "2026-06-01T00:00:00Z..2026-01-01T00:00:00Z", "after it ends")]
    [InlineData("--replay", "1990-01-01T00:00:00Z..2026-01-01T00:00:00Z", "at most 261")]
    [InlineData("--replay", "2026-01-01T00:00:00Z..2027-01-01T00:00:00Z", "future-instant")]
    [InlineData("--replay", "2026-01-01T00:00:00Z", "not FROM..TO")]
    [InlineData("--replay", "2026-01-01..2026-02-01", "not FROM..TO")]
    public void Hostile_options_are_refused_in_one_line(string option, string value, string reason)
    {
        var (exit, output, error) = Cli.Run("simulate", "--policy", Draft, "--db", Db, option, value);
        Assert.Equal(1, exit);
        Assert.Contains(reason, output + error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output + error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("matter: heroic-acts", "matter: ethnicity")]
    [InlineData("name: Late credit-card payment", "name: 宗教信仰记录")]
    [InlineData("name: Late credit-card payment", "name: Political opinion")]
    public void A_draft_that_breaks_the_promises_is_refused_as_at_upload(string from, string to)
    {
        var bad = Write("bad.yaml", File.ReadAllText(Cli.Path("policies", "rongcheng-persons.yaml")).Replace("version: \"2026.1\"", "version: \"2026.7\"", StringComparison.Ordinal).Replace(from, to, StringComparison.Ordinal));
        var simulated = Cli.Run("simulate", "--policy", bad, "--db", Db);
        var uploaded = Cli.Run("policy", "activate", bad, "--db", Db);
        Assert.Equal((1, 1), (simulated.Exit, uploaded.Exit));
        Assert.Contains("invalid-policy", simulated.Err, StringComparison.Ordinal);
        Assert.Equal(uploaded.Out, simulated.Out);
    }

    [Fact]
    public void A_replay_prints_each_week()
    {
        var replay = Cli.Run("simulate", "--policy", Draft, "--db", Db, "--replay", "2026-11-07T12:00:00Z..2026-11-28T12:00:00Z");
        Assert.True(replay.Exit == 0, replay.Err);
        Assert.Equal(4, replay.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("in force (rongcheng-persons@2026.1)", replay.Out, StringComparison.Ordinal);
        Assert.Contains("court-defaulters=1", replay.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sign_off_needs_another_operators_key()
    {
        Assert.Equal(0, Cli.Run("simulate", "--policy", Draft, "--db", Db).Exit);
        Assert.Contains("key is required", Cli.Run("policy", "sign-off", "rongcheng-persons@2026.9", "--report", "sha256:00", "--db", Db).Err, StringComparison.Ordinal);
        Assert.Contains("unauthorized", Cli.Run("policy", "sign-off", "rongcheng-persons@2026.9", "--report", "sha256:00", "--key", "cred_" + new string('x', 43), "--db", Db).Err, StringComparison.Ordinal);
        var source = Cli.Run("keys", "create", "--db", Db, "--role", "auditor", "--name", "auditor").Out.Split(' ', '\n').Single(w => w.StartsWith("cred_", StringComparison.Ordinal)).Trim();
        var refused = Cli.Run("policy", "sign-off", "rongcheng-persons@2026.9", "--report", "sha256:00", "--key", source, "--db", Db);
        Assert.Equal(1, refused.Exit);
        Assert.Contains("forbidden", refused.Err, StringComparison.Ordinal);
    }
}
