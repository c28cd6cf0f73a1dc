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
}
