using System.Text;
using System.Text.Json;
using Credence.Core.Identifiers;

namespace Credence.App.Tests;

/// <summary>
/// <c>credence fairness</c>: the report in words or JSON, and every refusal (a bad instant, a cohort
/// size that is no whole number, a grade no policy in force has, a missing store) one line, exit 1.
/// </summary>
public sealed class FairnessCommandTests : IClassFixture<FairnessCommandTests.CitySetup>, IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "credence-fairness-tests", Guid.NewGuid().ToString("N"));
    private readonly CitySetup city;

    public FairnessCommandTests(CitySetup city)
    {
        this.city = city;
        Directory.CreateDirectory(folder);
    }

    private string Db => Path.Combine(folder, "registry.db");

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>Puts the city (<see cref="CitySetup"/>) in this test's folder.</summary>
    private void City() => city.CopyTo(folder);

    /// <summary>A registry with the persons' policy and twelve persons, five of them in Shanghai listed as court defaulters.</summary>
    public sealed class CitySetup() : SetUpFolder(folder =>
    {
        var db = Path.Combine(folder, "registry.db");
        Cli.SignOff(Cli.Path("policies", "rongcheng-persons.yaml"), "--db", db);
        Assert.Equal(0, Cli.Run("policy", "activate", Cli.Path("policies", "rongcheng-persons.yaml"), "--db", db).Exit);
        Assert.Equal(0, Cli.Run("keys", "create", "--db", db, "--role", "source", "--name", "court", "--types", "judgment-defaulter", "breach-of-contract-judgment").Exit);
        var lines = Enumerable.Range(0, 12).Select(i =>
            $"{{\"subject\":\"{ResidentIdentityNumber.Create(i < 6 ? "310104" : "110105", new DateOnly(1980, 1, 1).AddDays(i * 31), i + 1)}\",\"type\":\"{(i < 5 ? "judgment-defaulter" : "breach-of-contract-judgment")}\",\"area\":\"judicial\",\"occurred\":\"2026-05-01T00:00:00Z\",\"sourceRecordId\":\"F-{i}\",\"legalBasis\":\"(2026) No. {i}\"}}");
        var path = Path.Combine(folder, "city.ndjson");
        File.WriteAllText(path, string.Join('\n', lines) + "\n", new UTF8Encoding(false));
        var (exit, _, error) = Cli.Run("import", path, "--db", db, "--source", "court");
        Assert.True(exit == 0, error);
    });

    [Fact]
    public void The_report_says_what_it_finds_in_words_and_whole_as_JSON()
    {
        City();
        var (exit, output, error) = Cli.Run("fairness", "--db", Db, "--min-cohort", "5");
        Assert.True(exit == 0, error);
        Assert.Contains("Persons under rongcheng-persons@2026.1", output, StringComparison.Ordinal);
        Assert.Contains("[the four-fifths rule and the 1.25 adverse band] region (province) Shanghai: listed on", output, StringComparison.Ordinal);
        Assert.Contains("judgment-defaulter (+", output, StringComparison.Ordinal);
        Assert.Contains("seed 20261206", output, StringComparison.Ordinal);

        (exit, output, error) = Cli.Run("fairness", "--db", Db, "--min-cohort", "5", "--seed", "9", "--as-of", "2026-11-28T20:00:00+08:00", "--json");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(9UL, json.RootElement.GetProperty("seed").GetUInt64());
        Assert.Equal("2026-11-28T12:00:00+00:00", json.RootElement.GetProperty("asOf").GetString());
        Assert.NotEmpty(json.RootElement.GetProperty("summary").GetProperty("zh").EnumerateArray());

        // With the default minimum cohort (100) the two cohorts of six are shown, marked small and not judged.
        (exit, output, _) = Cli.Run("fairness", "--db", Db);
        Assert.Equal(0, exit);
        Assert.Contains("No disparity found", output, StringComparison.Ordinal);
        Assert.Contains("fewer than 100 subjects", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--as-of", "yesterday", "--as-of 'yesterday' is not an ISO 8601 instant")]
    [InlineData("--as-of", "2026-11-01T00:00:00", "is not an ISO 8601 instant with an offset")]
    [InlineData("--as-of", "２０２６-11-01", "is not an ISO 8601 instant in ASCII")]
    [InlineData("--as-of", "2026-11-01\u202e", "is not an ISO 8601 instant in ASCII")]
    [InlineData("--as-of", "2027-01-01T00:00:00Z", "future-instant: as-of 2027-01-01T00:00:00Z is after now")]
    [InlineData("--as-of", "2020-01-01", "no-active-policy")]
    [InlineData("--min-cohort", "-1", "--min-cohort '-1' is not a whole number of subjects, 0 or more")]
    [InlineData("--min-cohort", "ten", "--min-cohort 'ten' is not a whole number")]
    [InlineData("--min-cohort", "１０", "is not a whole number")]
    [InlineData("--min-cohort", "99999999999", "is not a whole number")]
    [InlineData("--seed", "-5", "--seed '-5' is not a whole number")]
    [InlineData("--grade-at-or-below", "E", "bad-value: grade 'E' is no grade of a policy in force")]
    [InlineData("--grade-at-or-below", "c", "bad-value: grade 'c' is no grade of a policy in force")]
    [InlineData("--grade-at-or-below", "Ｃ", "bad-value: grade 'Ｃ' is no grade")]
    [InlineData("--grade-at-or-below", "C\u0007", "control-character")]
    public void Each_refusal_is_one_line_and_exit_1(string option, string value, string reason)
    {
        City();
        var (exit, output, error) = Cli.Run("fairness", "--db", Db, option, value);
        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("fairness: ", line, StringComparison.Ordinal);
        Assert.Contains(reason, line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_registry_or_store_is_refused_in_one_line()
    {
        var (exit, _, error) = Cli.Run("fairness", "--db", Path.Combine(folder, "none.db"));
        Assert.Equal(1, exit);
        Assert.Contains("file not found", Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "none.db")));

        (exit, _, error) = Cli.Run("fairness", "--store", "oracle");
        Assert.Equal(1, exit);
        Assert.Contains("--store 'oracle' is not one of", error, StringComparison.Ordinal);
    }
}
