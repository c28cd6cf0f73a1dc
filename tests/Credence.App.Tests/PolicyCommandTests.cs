namespace Credence.App.Tests;

[Collection("console")]
public class PolicyCommandTests
{
    [Theory]
    [InlineData("rongcheng-persons.yaml")]
    [InlineData("court-defaulters.yaml")]
    [InlineData("organisations.yaml")]
    [InlineData("sesame-persons.yaml")]
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
    public void A_reward_turned_into_a_restriction_a_measure_on_children_and_a_pardon_exit_are_each_refused_with_their_rule()
    {
        var text = File.ReadAllText(Cli.Path("policies", "rongcheng-persons.yaml"))
            .Replace("capability: deposit-free-rental", "capability: air.ticket", StringComparison.Ordinal)
            .Replace("name: No golf", "name: No golf for children of defaulters", StringComparison.Ordinal)
            .Replace("name: Judgment performed", "name: Judgment pardoned by special approval", StringComparison.Ordinal)
            .Replace("name: Late utility fees", "name: Parents' late utility fees", StringComparison.Ordinal);
        var (exit, output, _) = Cli.Run("policy", "validate", Cli.TempFile(text, ".yaml"));
        Assert.Equal(1, exit);
        foreach (var rule in new[] { "grant-on-entitlement", "no-minors", "exit-needs-own-fulfilment", "own-records-only" })
        {
            Assert.Matches($@":\d+:\d+: {rule}: ", output);
        }
    }

    [Theory]
    [InlineData("- { for: [food-safety-violation], by: [tax-paid] }")]
    [InlineData("- { for: [judgment-defaulter], by: [judgment-performed] }")]
    public void An_exit_whose_fulfilment_answers_another_obligation_is_refused(string rule)
    {
        var text = File.ReadAllText(Cli.Path("policies", "organisations.yaml"))
            .Replace("- { for: [tax-evasion], by: [tax-paid] }", rule, StringComparison.Ordinal);
        var (exit, output, _) = Cli.Run("policy", "validate", Cli.TempFile(text, ".yaml"));
        Assert.Equal(1, exit);
        Assert.Matches(rule.Contains("tax-paid", StringComparison.Ordinal) ? @":\d+:\d+: exit-needs-own-fulfilment: .*'tax-paid'" : @":\d+:\d+: bad-value: .*'judgment-defaulter', but the list is not entered by it", output);
    }

    [Fact]
    public void A_missing_file_is_refused()
    {
        var (exit, _, error) = Cli.Run("policy", "validate", "/nonexistent/policy.yaml");
        Assert.Equal(1, exit);
        Assert.Contains("file not found", error, StringComparison.Ordinal);
    }
}
