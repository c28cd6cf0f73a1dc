using System.Diagnostics;
using System.Text;

namespace Credence.App.Tests;

/// <summary>
/// <c>credence policy validate</c> and <c>policy activate</c> on hostile files: each is one line
/// of reason with its position and exit 1, never an exception, and nothing is stored.
/// </summary>
[Collection("console")]
public class HostilePolicyCommandTests
{
    public static TheoryData<string, string> Texts => new()
    {
        { "unclosed flow mapping before a block key", "policy: test\nx: {b: 1\nc: 2\n" },
        { "unclosed flow mapping", "policy: {a: 1" },
        { "unclosed quote", "policy: \"test\n" },
        { "tab indentation", "policy:\n\ta: 1\n" },
        { "bad escape", "policy: \"\\q\"\n" },
        { "NUL", "policy: te\0st\n" },
        { "terminal escape", "policy: \u001b[2Jtest\n" },
        { "stray byte order mark", "policy: te\ufeffst\n" },
        { "nested one past the limit", "policy: " + new string('[', 32) + new string(']', 32) + "\n" },
        { "alias", "policy: &a x\ntitle: *a\n" },
        { "two documents", "policy: a\n---\npolicy: b\n" },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void A_hostile_policy_is_a_located_reason_and_exit_one(string what, string text)
    {
        var path = Cli.TempFile(text, ".yaml");
        var (exit, output, error) = Cli.Run("policy", "validate", path);
        Assert.True(exit == 1, $"{what}: exit {exit}{Environment.NewLine}{output}{error}");
        Assert.Matches(@"^.+\.yaml:[0-9]+:[0-9]+: yaml-(syntax|limit): ", output.Split('\n')[0]);
        Assert.DoesNotContain("Exception", output + error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
    }

    public static TheoryData<string, byte[]> Encodings => new()
    {
        { "invalid UTF-8", [.. "policy: caf"u8, 0xE9, (byte)'\n'] },
        { "UTF-16 with a byte order mark", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("policy: test\n")] },
        { "UTF-32 with a byte order mark", [.. Encoding.UTF32.GetPreamble(), .. Encoding.UTF32.GetBytes("policy: test\n")] },
        { "GB 18030 bytes", [.. "title: "u8, 0xD0, 0xC5, 0xD3, 0xC3, (byte)'\n'] },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void A_policy_that_is_not_utf8_is_refused_with_where(string what, byte[] bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), $"credence-{Guid.NewGuid():N}.yaml");
        File.WriteAllBytes(path, bytes);
        var (exit, output, _) = Cli.Run("policy", "validate", path);
        Assert.True(exit == 1, what);
        Assert.Contains(": yaml-syntax: ", output, StringComparison.Ordinal);
        Assert.Contains("UTF-", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Activating_a_hostile_policy_stores_nothing()
    {
        var db = Path.Combine(Path.GetTempPath(), $"credence-{Guid.NewGuid():N}.db");
        var path = Cli.TempFile("policy: test\nx: {b: 1\nc: 2\n", ".yaml");
        var (exit, output, error) = Cli.Run("policy", "activate", path, "--db", db);
        Assert.Equal(1, exit);
        Assert.Contains("yaml-syntax", output + error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output + error, StringComparison.Ordinal);

        var utf16 = Path.Combine(Path.GetTempPath(), $"credence-{Guid.NewGuid():N}.yaml");
        File.WriteAllBytes(utf16, [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(File.ReadAllText(Cli.Path("policies", "rongcheng-persons.yaml")))]);
        (exit, output, _) = Cli.Run("policy", "activate", utf16, "--db", db);
        Assert.Equal(1, exit);
        Assert.Contains("UTF-16", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// A million levels deep, in each way YAML nests. This overflowed the stack and killed the
    /// process, so it runs the real executable in a child process: the old code's crash shows as
    /// an exit that is not 1, not as a dead test host.
    /// </summary>
    [Theory]
    [InlineData("[", "]")]
    [InlineData("{a: ", "}")]
    [InlineData("- ", "")]
    public async Task A_policy_nested_a_million_levels_deep_is_refused_and_the_process_survives(string open, string close)
    {
        var depth = 1_000_000 / open.Length;
        var text = new StringBuilder("policy: ").Insert(8, open, depth).Append('1').Insert(8 + (open.Length * depth) + 1, close, close.Length == 0 ? 0 : depth).ToString();
        var path = Cli.TempFile(open == "- " ? "policy:\n" + text[8..] : text, ".yaml");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Cli.Path("credence.dll"), "policy", "validate", path })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        var (said, complained) = (await output, await error);
        Assert.True(process.ExitCode == 1, $"exit {process.ExitCode}: {complained[..Math.Min(400, complained.Length)]}");
        Assert.Contains(": yaml-limit: ", said, StringComparison.Ordinal);
        File.Delete(path);
    }
}
