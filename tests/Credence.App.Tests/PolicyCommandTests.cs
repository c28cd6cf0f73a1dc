namespace Credence.App.Tests;

[Collection("console")]
public class PolicyCommandTests
{
    [Theory]
    [InlineData("rongcheng-persons.yaml")]
    [InlineData("court-defaulters.yaml")]
    [InlineData("organisations.yaml")]
    public void The_sample_policies_validate(string file)
    {
        var (exit, output, _) = Cli.Run("policy", "validate", Cli.Path("policies", file));
        Assert.Equal(0, exit);
        Assert.Contains("valid", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_policy_prints_each_problem_with_its_position_and_exits_one()
    {
        var path = Cli.TempFile(File.ReadAllText(Cli.Path("policies", "rongcheng-persons.yaml")).Replace("matter: heroic-acts", "matter: religion", StringComparison.Ordinal), ".yaml");
        var (exit, output, _) = Cli.Run("policy", "validate", path);
        Assert.Equal(1, exit);
        Assert.Contains("protected-matter", output, StringComparison.Ordinal);
        Assert.Matches(@":\d+:\d+: ", output);
    }

    [Fact]
    public void A_missing_file_is_refused()
    {
        var (exit, _, error) = Cli.Run("policy", "validate", "/nonexistent/policy.yaml");
        Assert.Equal(1, exit);
        Assert.Contains("file not found", error, StringComparison.Ordinal);
    }
}
