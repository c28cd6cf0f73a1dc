namespace Credence.App.Tests;

[Collection("console")]
public class IdCommandTests
{
    [Fact]
    public void Valid_identifiers_print_their_kind_and_exit_zero()
    {
        var (exit, output, _) = Cli.Run("id", "check", "11010519491231002X", "440524188001010014", "11010519491231002x");
        Assert.Equal(0, exit);
        Assert.Contains("11010519491231002X: valid person born 1949-12-31", output, StringComparison.Ordinal);
        Assert.Contains("440524188001010014: valid person", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_identifier_names_the_broken_rule_and_exits_one()
    {
        var (exit, output, _) = Cli.Run("id", "check", "11010519491231002X", "110105194912310021");
        Assert.Equal(1, exit);
        Assert.Contains("110105194912310021: invalid: check-character", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_argument_is_a_usage_error()
    {
        var (exit, _, error) = Cli.Run("id", "check");
        Assert.Equal(2, exit);
        Assert.StartsWith("usage:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_command_is_a_usage_error()
    {
        Assert.Equal(2, Cli.Run("frobnicate").Exit);
    }
}
