using System.Text.Json;

namespace Credence.App.Tests;

[Collection("console")]
public class ScoreCommandTests
{
    private static readonly string Policy = Cli.Path("policies", "rongcheng-persons.yaml");
    private static readonly string Records = Cli.Path("samples", "records.ndjson");

    [Fact]
    public void Scores_every_subject_in_the_file_as_tables()
    {
        var (exit, output, error) = Cli.Run("score", "--policy", Policy, "--records", Records, "--as-of", "2026-11-28T00:00:00Z");
        Assert.True(exit == 0, error);
        Assert.Contains("11010519491231002X", output, StringComparison.Ordinal);
        Assert.Contains("440524188001010014", output, StringComparison.Ordinal);
        Assert.Contains("court-defaulters", output, StringComparison.Ordinal);
        Assert.Contains("path forward", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_output_carries_score_grade_lists_measures_and_explanation()
    {
        var (exit, output, error) = Cli.Run("score", "--policy", Policy, "--records", Records, "--subject", "440524188001010014", "--as-of", "2026-11-28T00:00:00Z", "--json");
        Assert.True(exit == 0, error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("440524188001010014", root.GetProperty("subject").GetString());
        Assert.Equal("rongcheng-persons@2026.1", root.GetProperty("policyVersion").GetString());
        Assert.Equal(1000 - 100 - 20 + 10, root.GetProperty("score").GetInt32());
        Assert.Equal("court-defaulters", root.GetProperty("listings")[0].GetProperty("list").GetString());
        Assert.Equal("LISTED.court-defaulters", root.GetProperty("keyReasons")[0].GetProperty("code").GetString());
        Assert.Contains(root.GetProperty("measures").EnumerateArray(), m => m.GetProperty("capability").GetString() == "rail.g-train.ticket" && m.GetProperty("triggered").GetBoolean());
        Assert.True(root.GetProperty("pathForward").GetProperty("expiries").GetArrayLength() > 0);
    }

    [Fact]
    public void The_same_inputs_print_the_same_result()
    {
        var args = new[] { "score", "--policy", Policy, "--records", Records, "--as-of", "2026-11-28T00:00:00Z", "--json" };
        Assert.Equal(Cli.Run(args).Out, Cli.Run(args).Out);
    }

    [Fact]
    public void A_subject_without_records_gets_the_base_score()
    {
        var (exit, output, _) = Cli.Run("score", "--policy", Policy, "--records", Records, "--subject", "11010519491231002X", "--as-of", "2020-01-01T00:00:00Z", "--json");
        Assert.Equal(0, exit);
        Assert.Equal(1000, JsonDocument.Parse(output).RootElement.GetProperty("score").GetInt32());
    }

    [Theory]
    [InlineData("{not json", "malformed-json")]
    [InlineData("""{"subject":"110105194912310021","type":"late-utility-fees","area":"social","occurred":"2025-01-01T00:00:00Z","source":"s","sourceRecordId":"1","legalBasis":"x"}""", "invalid-identifier")]
    [InlineData("""{"subject":"11010519491231002X","type":"late-utility-fees","area":"social","occurred":"2030-01-01T00:00:00Z","source":"s","sourceRecordId":"1","legalBasis":"x"}""", "future-instant")]
    [InlineData("""{"subject":"11010519491231002X","type":"late-utility-fees","area":"social","occurred":"yesterday","source":"s","sourceRecordId":"1"}""", "bad-instant")]
    [InlineData("""{"subject":"11010519491231002X","type":"late-utility-fees","area":"moral","occurred":"2025-01-01T00:00:00Z","source":"s","sourceRecordId":"1"}""", "bad-value")]
    [InlineData("""{"subject":"11010519491231002X","area":"social","occurred":"2025-01-01T00:00:00Z","source":"s","sourceRecordId":"1"}""", "missing-field")]
    [InlineData("""{"subject":"11010519491231002X","type":"x","area":"social","occurred":"2025-01-01T00:00:00Z","source":"s","sourceRecordId":"1","spouse":"440524188001010014"}""", "malformed-json")]
    public void A_bad_record_line_is_refused_with_its_line_number_and_nothing_is_scored(string line, string problem)
    {
        var path = Cli.TempFile(File.ReadAllText(Records) + line + "\n");
        var (exit, output, error) = Cli.Run("score", "--policy", Policy, "--records", path);
        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains($":8: {problem}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_as_of_is_refused()
    {
        var (exit, _, error) = Cli.Run("score", "--policy", Policy, "--records", Records, "--as-of", "soon");
        Assert.Equal(1, exit);
        Assert.Contains("--as-of", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_option_is_a_usage_error()
    {
        Assert.Equal(2, Cli.Run("score", "--records", Records).Exit);
    }

    private static int Score(string records, string subject, string asOf)
    {
        var (exit, output, error) = Cli.Run("score", "--policy", Policy, "--records", records, "--subject", subject, "--as-of", asOf, "--json");
        Assert.True(exit == 0, error);
        return JsonDocument.Parse(output).RootElement.GetProperty("score").GetInt32();
    }

    private static string WithEvents(params string[] lines) =>
        Cli.TempFile(File.ReadAllText(Records) + File.ReadAllText(Cli.Path("samples", "due-process.ndjson")) + string.Concat(lines.Select(l => l + "\n")));

    [Fact]
    public void Dispute_and_repair_events_in_a_records_file_change_the_score_as_the_registry_would()
    {
        var both = WithEvents();
        const string Alice = "11010519491231002X";

        // The late utility fee (-20) stops counting while disputed, and counts again once verified.
        Assert.Equal(Score(Records, Alice, "2026-06-05T00:00:00Z") + 20, Score(both, Alice, "2026-06-05T00:00:00Z"));
        Assert.Equal(Score(Records, Alice, "2026-06-11T00:00:00Z"), Score(both, Alice, "2026-06-11T00:00:00Z"));

        // The card payment's effect ends at its repair.
        Assert.Equal(Score(Records, Alice, "2026-09-30T00:00:00Z"), Score(both, Alice, "2026-09-30T00:00:00Z"));
        Assert.True(Score(both, Alice, "2026-10-01T00:00:00Z") > Score(Records, Alice, "2026-10-01T00:00:00Z"));

        // A loan default stops counting from its dispute's opening and, left unanswered, is removed at the deadline;
        // the court's listing, which no dispute of the loan touches, stays.
        const string Bob = "440524188001010014";
        Assert.Equal(Score(Records, Bob, "2026-07-01T09:59:59Z"), Score(both, Bob, "2026-07-01T09:59:59Z"));
        Assert.Equal(Score(Records, Bob, "2026-07-01T10:00:00Z") + 20, Score(both, Bob, "2026-07-01T10:00:00Z"));
        Assert.Equal(Score(Records, Bob, "2026-07-16T10:00:00Z") + 20, Score(both, Bob, "2026-07-16T10:00:00Z"));
        var (_, output, _) = Cli.Run("score", "--policy", Policy, "--records", both, "--subject", Bob, "--as-of", "2026-08-01T00:00:00Z", "--json");
        Assert.Equal("court-defaulters", JsonDocument.Parse(output).RootElement.GetProperty("listings")[0].GetProperty("list").GetString());
    }

    [Theory]
    [InlineData("""{"event":"dispute.answered","dispute":"D-1","at":"2026-06-20T00:00:00Z","answer":"verify"}""", "dispute-refused: not-open")]
    [InlineData("""{"event":"dispute.answered","dispute":"D-9","at":"2026-06-20T00:00:00Z","answer":"verify"}""", "not-found")]
    [InlineData("""{"event":"repair.granted","subject":"440524188001010014","source":"city-water","sourceRecordId":"W-2025-77120","at":"2026-06-20T00:00:00Z"}""", "not-found")]
    [InlineData("""{"event":"dispute.reopened","dispute":"D-1","at":"2026-06-20T00:00:00Z"}""", "bad-value")]
    [InlineData("""{"event":"dispute.answered","dispute":"D-1","at":"2026-06-20T00:00:00Z","answer":"verify","subjectsFather":"x"}""", "malformed-json")]
    public void A_bad_event_line_is_refused_with_its_line_number_and_nothing_is_scored(string line, string problem)
    {
        var (exit, output, error) = Cli.Run("score", "--policy", Policy, "--records", WithEvents(line));
        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains($":12: {problem}", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--records", "--disclosure")]
    [InlineData("--disclosure", "--subject")]
    [InlineData("--disclosure", "--consent")]
    public void A_records_file_and_a_disclosure_do_not_mix(string first, string second)
    {
        var args = new List<string> { "score", "--policy", Policy, first, Records };
        args.AddRange(second switch { "--consent" => ["--consent"], "--subject" => ["--subject", "440524188001010014"], _ => [second, Records] });
        var (exit, output, error) = Cli.Run([.. args]);
        Assert.Equal((1, string.Empty), (exit, output));
        Assert.NotEqual(string.Empty, error);
        Assert.Equal(1, Cli.Run("score", "--policy", Policy).Exit);
    }

    [Theory]
    [InlineData("{not json", "malformed-json")]
    [InlineData("{\"records\":[]}", "missing-field")]
    [InlineData("{\"subject\":\"110105194912310021\",\"asOf\":\"2026-11-01T00:00:00Z\",\"records\":[]}", "invalid-identifier")]
    [InlineData("{\"subject\":\"11010519491231002X\",\"asOf\":\"2030-11-01T00:00:00Z\",\"records\":[]}", "future-instant")]
    [InlineData("{\"subject\":\"11010519491231002X\",\"asOf\":\"2026-11-01T00:00:00Z\",\"records\":[],\"repairs\":[{\"source\":\"s\",\"sourceRecordId\":\"x\",\"effectiveAt\":\"2026-10-01T00:00:00Z\"}]}", "bad-value")]
    public void A_file_that_is_no_disclosure_is_refused(string json, string problem)
    {
        var (exit, output, error) = Cli.Run("score", "--policy", Policy, "--disclosure", Cli.TempFile(json, ".json"));
        Assert.Equal((1, string.Empty), (exit, output));
        Assert.Contains($": {problem}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_records_file_of_persons_and_organisations_is_scored_with_one_policy_per_kind()
    {
        var file = Cli.TempFile(File.ReadAllText(Records) + """{"subject":"914403001922038216","type":"tax-evasion","area":"administrative","occurred":"2026-04-01T00:00:00Z","source":"tax-bureau","sourceRecordId":"T-1","legalBasis":"Tax decision T-1"}""" + "\n");
        var organisations = Cli.Path("policies", "organisations.yaml");
        var (exit, output, error) = Cli.Run("score", "--policy", Policy, "--policy", organisations, "--records", file, "--as-of", "2026-11-28T00:00:00Z", "--json");
        Assert.True(exit == 0, error);
        var versions = JsonDocument.Parse(output).RootElement.EnumerateArray().ToDictionary(a => a.GetProperty("subject").GetString()!, a => a.GetProperty("policyVersion").GetString());
        Assert.Equal("shanghai-organisations@2026.1", versions["914403001922038216"]);
        Assert.Equal("rongcheng-persons@2026.1", versions["440524188001010014"]);

        var twice = Cli.Run("score", "--policy", Policy, "--policy", Cli.Path("policies", "sesame-persons.yaml"), "--records", file);
        Assert.Equal((1, string.Empty), (twice.Exit, twice.Out));
        Assert.Contains("one policy per kind", twice.Err, StringComparison.Ordinal);
        var missing = Cli.Run("score", "--policy", organisations, "--policy", organisations, "--records", file);
        Assert.Equal(1, missing.Exit);
    }
}
