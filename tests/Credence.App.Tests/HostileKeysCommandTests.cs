namespace Credence.App.Tests;

/// <summary>
/// <c>credence keys create</c> holds a registration to the same rule as the API, since the rule is
/// the use case's: a control, invisible or reordering character in any field, or a purpose over 200
/// characters, is one line naming the class and the field, exit 1, and no principal is stored.
/// </summary>
public sealed class HostileKeysCommandTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "credence-keys-tests", Guid.NewGuid().ToString("N"));

    public HostileKeysCommandTests() => Directory.CreateDirectory(folder);

    private string Db => Path.Combine(folder, "registry.db");

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData("--purpose", "tenancy\u001b[2J", "control-character: purpose")]
    [InlineData("--purpose", "tenancy deposits\u0085", "control-character: purpose")]
    [InlineData("--purpose", "tenancy\ndeposits", "control-character: purpose")]
    [InlineData("--purpose", "\u202etenancy", "invisible-character: purpose")]
    [InlineData("--name", "elm\u200b-lettings", "invisible-character: name")]
    [InlineData("--name", "elm-lettings\u0000", "control-character: name")]
    [InlineData("--capabilities", "deposit-free-rental\u007f", "control-character: capabilities")]
    public void A_hostile_registration_is_one_line_naming_the_class_and_field_and_stores_nothing(string option, string value, string expected)
    {
        var args = new List<string> { "keys", "create", "--db", Db, "--role", "relying-party", "--name", "elm-lettings", "--capabilities", "deposit-free-rental", "--purpose", "tenancy deposits" };
        args[args.IndexOf(option) + 1] = value;
        var (exit, _, error) = Cli.Run([.. args]);
        Assert.Equal(1, exit);
        Assert.StartsWith(expected, error.Trim(), StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
        Assert.DoesNotContain("elm", Cli.Run("keys", "list", "--db", Db).Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_purpose_in_Chinese_with_an_emoji_at_the_bound_is_registered()
    {
        var purpose = "租房押金 🏠 " + new string('长', 193);
        Assert.Equal(200, purpose.EnumerateRunes().Count());
        var (exit, _, error) = Cli.Run("keys", "create", "--db", Db, "--role", "relying-party", "--name", "elm-lettings", "--capabilities", "deposit-free-rental", "--purpose", purpose);
        Assert.True(exit == 0, error);
        Assert.Equal(1, Cli.Run("keys", "create", "--db", Db, "--role", "relying-party", "--name", "oak-lettings", "--capabilities", "deposit-free-rental", "--purpose", purpose + "长").Exit);
    }
}
