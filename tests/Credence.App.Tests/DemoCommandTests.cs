namespace Credence.App.Tests;

[Collection("console")]
public class DemoCommandTests
{
    [Fact]
    public void A_small_demo_city_is_taken_in_summarised_and_every_role_gets_a_key()
    {
        var db = Path.Combine(Path.GetTempPath(), $"credence-demo-{Guid.NewGuid():N}.db");
        var (exit, output, error) = Cli.Run("demo", "--persons", "300", "--db", db, "--no-serve");
        Assert.True(exit == 0, error);
        Assert.Contains("demo registry", output, StringComparison.Ordinal);
        Assert.Contains("rongcheng-persons@2026.1", output, StringComparison.Ordinal);
        Assert.Contains("court-defaulters", output, StringComparison.Ordinal);
        foreach (var role in new[] { "operator", "source", "relying-party", "reviewer", "auditor", "subject" })
        {
            Assert.Matches($@"\n  {role} +\S+ +cred_", output);
        }

        Assert.True(File.Exists(db));
        Assert.Contains("checkpoint 1 signed", output, StringComparison.Ordinal);
        Assert.True(File.Exists(db + ".ledger.key.pub"));
        var (verified, report, verifyError) = Cli.Run("verify", "--db", db);
        Assert.True(verified == 0, report + verifyError);
        Assert.Contains("consistent", report, StringComparison.Ordinal);
        Assert.DoesNotContain("NOT checked", report, StringComparison.Ordinal);
    }

    [Fact]
    public void The_demo_never_overwrites_an_existing_database()
    {
        var db = Path.Combine(Path.GetTempPath(), $"credence-demo-{Guid.NewGuid():N}.db");
        File.WriteAllText(db, "precious");
        var (exit, _, error) = Cli.Run("demo", "--persons", "10", "--db", db, "--no-serve");
        Assert.Equal(1, exit);
        Assert.Contains("will not overwrite", error, StringComparison.Ordinal);
        Assert.Equal("precious", File.ReadAllText(db));
    }

    [Fact]
    public void An_impossible_city_is_refused()
    {
        var (exit, _, error) = Cli.Run("demo", "--persons", "-5", "--db", Path.Combine(Path.GetTempPath(), $"credence-demo-{Guid.NewGuid():N}.db"), "--no-serve");
        Assert.Equal(1, exit);
        Assert.StartsWith("demo:", error, StringComparison.Ordinal);
    }
}
