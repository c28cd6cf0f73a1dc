using System.Text;
using Credence.Core.Identifiers;

namespace Credence.App.Tests;

/// <summary>
/// <c>credence import</c> and <c>credence score</c> on lines a source should never send: each
/// line's fate names its class (before the subject existed, a control or invisible character),
/// and nothing of it is stored or scored.
/// </summary>
[Collection("console")]
public sealed class HostileImportCommandTests : IDisposable
{
    private static readonly string Young = ResidentIdentityNumber.Create("310101", new DateOnly(2000, 3, 15), 7);

    private readonly string folder = Path.Combine(Path.GetTempPath(), "credence-import-tests", Guid.NewGuid().ToString("N"));

    public HostileImportCommandTests() => Directory.CreateDirectory(folder);

    private string Db => Path.Combine(folder, "registry.db");

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static string Line(string id, string occurred = "2026-05-01T00:00:00Z", string legalBasis = "case 1", string subject = "") =>
        System.Text.Json.JsonSerializer.Serialize(new { subject = subject.Length == 0 ? Young : subject, type = "judgment-defaulter", area = "judicial", occurred, sourceRecordId = id, legalBasis });

    private string Write(string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    [Fact]
    public void Import_names_the_class_of_each_refused_line_and_stores_only_the_good_one()
    {
        Cli.SignOff(Cli.Path("policies", "rongcheng-persons.yaml"), "--db", Db);
        Assert.Equal(0, Cli.Run("policy", "activate", Cli.Path("policies", "rongcheng-persons.yaml"), "--db", Db).Exit);
        Assert.Equal(0, Cli.Run("keys", "create", "--db", Db, "--role", "source", "--name", "court", "--types", "judgment-defaulter").Exit);
        var lines = string.Join('\n',
            Line("OK-1"),
            Line("B-1", occurred: "1999-12-31T00:00:00Z"),
            Line("B-2", occurred: "0001-01-01T00:00:00Z"),
            Line("C-\u0000"),
            Line("C-2", legalBasis: "case\u001b[2J 1"),
            Line("I-\u200b1"),
            Line("I-2", legalBasis: "case \u202e1"),
            Line("O-1", occurred: "1949-09-30T00:00:00Z", subject: "914403001922038216"));
        var path = Write("hostile.ndjson", lines + "\n");
        var (exit, output, error) = Cli.Run("import", path, "--db", Db, "--source", "court");
        Assert.Equal(1, exit);
        Assert.Contains("8 lines from source 'court': 1 accepted, 0 duplicate, 7 rejected", output, StringComparison.Ordinal);
        foreach (var (line, type) in new[] { (2, "before-subject-existed"), (3, "before-subject-existed"), (4, "control-character"), (5, "control-character"), (6, "invisible-character"), (7, "invisible-character") })
        {
            Assert.Contains($"{path}:{line}: {type}:", output + error, StringComparison.Ordinal);
        }

        Assert.Matches($"{Regex(path)}:8: (before-subject-existed|no-active-policy|subject-kind-mismatch|unknown-record-type)", output + error);

        var csv = Write("hostile.csv", "subject,type,area,occurred,sourceRecordId,legalBasis\n" + $"{Young},judgment-defaulter,judicial,2026-05-01T00:00:00Z,\"C\u0000-9\",case\n" + $"{Young},judgment-defaulter,judicial,1990-05-01T00:00:00Z,C-10,case\n");
        var fromCsv = Cli.Run("import", csv, "--db", Db, "--source", "court");
        Assert.Equal(1, fromCsv.Exit);
        Assert.Contains($"{csv}:2: control-character:", fromCsv.Out + fromCsv.Err, StringComparison.Ordinal);
        Assert.Contains($"{csv}:3: before-subject-existed:", fromCsv.Out + fromCsv.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void The_offline_scorer_refuses_the_same_lines()
    {
        static string Sourced(string line) => line.Replace("{", "{\"source\":\"court\",", StringComparison.Ordinal);
        var records = Write("records.ndjson", Sourced(Line("OK-1")) + "\n" + Sourced(Line("B-1", occurred: "1999-12-31T00:00:00Z")) + "\n" + Sourced(Line("C-\u0000")) + "\n");
        var (exit, output, error) = Cli.Run("score", "--policy", Cli.Path("policies", "rongcheng-persons.yaml"), "--records", records);
        Assert.Equal(1, exit);
        Assert.Contains("before-subject-existed", output + error, StringComparison.Ordinal);
        Assert.Contains("control-character", output + error, StringComparison.Ordinal);
    }

    private static string Regex(string text) => System.Text.RegularExpressions.Regex.Escape(text);
}
