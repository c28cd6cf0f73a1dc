using System.Text;
using Credence.Ledger.Checkpoints;
using Credence.Ledger.Receipts;
using Credence.Ledger.Storage;

namespace Credence.App.Tests;

[Collection("console")]
public class LedgerCommandTests
{
    private static string TempPath() => Path.Combine(Path.GetTempPath(), $"credence-{Guid.NewGuid():N}");

    [Fact]
    public void Keygen_writes_a_private_key_readable_only_by_its_owner_and_prints_the_verifier_key()
    {
        var path = TempPath();
        var (exit, output, _) = Cli.Run("ledger", "keygen", "--name", "credence.test/registry", "--out", path);
        Assert.Equal(0, exit);
        Assert.StartsWith("credence.test/registry+", output, StringComparison.Ordinal);
        Assert.StartsWith("PRIVATE+KEY+credence.test/registry+", File.ReadAllText(path), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
        Assert.Equal(output.Trim(), File.ReadAllText(path + ".pub").Trim());
    }

    [Fact]
    public void Keygen_refuses_to_overwrite_a_key()
    {
        var path = TempPath();
        Assert.Equal(0, Cli.Run("ledger", "keygen", "--name", "credence.test/registry", "--out", path).Exit);
        var (exit, _, error) = Cli.Run("ledger", "keygen", "--name", "credence.test/registry", "--out", path);
        Assert.Equal(1, exit);
        Assert.Contains("refusing to overwrite", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_genuine_receipt_verifies_with_the_key_and_a_tampered_one_does_not()
    {
        var keys = CheckpointSigner.GenerateKey("credence.test/registry");
        var ledger = new MemoryLedger();
        for (var i = 0; i < 10; i++)
        {
            ledger.AppendBatch([Encoding.UTF8.GetBytes($"entry {i}")]);
        }

        using var signer = CheckpointSigner.FromPrivateKey(keys.PrivateKey);
        var note = signer.Sign(new Checkpoint("credence.test/registry", ledger.Head.Size, ledger.Head.RootHash));
        var receipt = ReceiptIssuer.Issue(ledger, 7, note);
        var file = TempPath();
        File.WriteAllText(file, receipt.ToJson());

        var (exit, output, _) = Cli.Run("verify-receipt", file, "--key", keys.VerifierKey);
        Assert.Equal(0, exit);
        Assert.Contains("valid: entry 7 is in the tree of size 10", output, StringComparison.Ordinal);
        Assert.Contains("signature verified", output, StringComparison.Ordinal);

        var unsigned = Cli.Run("verify-receipt", file);
        Assert.Equal(0, unsigned.Exit);
        Assert.Contains("NOT checked", unsigned.Out, StringComparison.Ordinal);

        var forged = TempPath();
        File.WriteAllText(forged, (receipt with { Entry = Encoding.UTF8.GetBytes("entry 8") }).ToJson());
        var (badExit, badOutput, _) = Cli.Run("verify-receipt", forged, "--key", keys.VerifierKey);
        Assert.Equal(1, badExit);
        Assert.StartsWith("invalid:", badOutput, StringComparison.Ordinal);

        var otherKey = CheckpointSigner.GenerateKey("credence.test/registry").VerifierKey;
        Assert.Equal(1, Cli.Run("verify-receipt", file, "--key", otherKey).Exit);
    }

    [Fact]
    public void A_missing_or_malformed_receipt_is_refused()
    {
        Assert.Equal(1, Cli.Run("verify-receipt", "/nonexistent/receipt.json").Exit);
        var file = TempPath();
        File.WriteAllText(file, "{\"format\":\"something-else\"}");
        var (exit, output, _) = Cli.Run("verify-receipt", file);
        Assert.Equal(1, exit);
        Assert.StartsWith("invalid:", output, StringComparison.Ordinal);
    }
}
