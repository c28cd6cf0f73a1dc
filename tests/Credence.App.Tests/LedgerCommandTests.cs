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

    private const string Origin = "credence.test/registry";

    private static (CheckpointKeyPair Keys, MemoryLedger Ledger, Receipt Receipt) Genuine()
    {
        var keys = CheckpointSigner.GenerateKey(Origin);
        var ledger = new MemoryLedger();
        for (var i = 0; i < 10; i++)
        {
            ledger.AppendBatch([Encoding.UTF8.GetBytes($"entry {i}")]);
        }

        using var signer = CheckpointSigner.FromPrivateKey(keys.PrivateKey);
        var note = signer.Sign(new Checkpoint(Origin, ledger.Head.Size, ledger.Head.RootHash));
        return (keys, ledger, ReceiptIssuer.Issue(ledger, 7, note));
    }

    [Fact]
    public void A_genuine_receipt_verifies_with_the_key_as_text_or_file_and_says_which_key()
    {
        var (keys, ledger, receipt) = Genuine();
        using var _ = ledger;
        var file = Cli.TempFile(receipt.ToJson(), ".json");
        var keyFile = Cli.TempFile(keys.VerifierKey + "\n", ".pub");
        var fingerprint = NoteVerifierKey.Parse(keys.VerifierKey).Fingerprint;
        foreach (var key in new[] { keys.VerifierKey, keyFile })
        {
            var (exit, output, _) = Cli.Run("verify-receipt", file, "--key", key);
            Assert.Equal(0, exit);
            Assert.StartsWith($"valid: entry 7 is in the tree of size 10 of {Origin}; checkpoint signature verified with key {Origin}+", output, StringComparison.Ordinal);
            Assert.Contains(fingerprint, output, StringComparison.Ordinal);
        }

        Assert.Equal(0, Cli.Run("verify-receipt", file, "--key", keys.VerifierKey, "--origin", Origin).Exit);
        var (wrongOrigin, wrongOut, _) = Cli.Run("verify-receipt", file, "--key", keys.VerifierKey, "--origin", "credence.test/other");
        Assert.Equal(1, wrongOrigin);
        Assert.Equal($"invalid: checkpoint refused: checkpoint is for origin '{Origin}', expected 'credence.test/other'", wrongOut.Trim());
    }

    [Fact]
    public void Without_a_trusted_key_nothing_is_called_valid_not_even_a_genuine_receipt()
    {
        var (keys, ledger, receipt) = Genuine();
        using var _ = ledger;

        // A forger's own tree and key: consistent in itself, which is all the old keyless check saw.
        var forger = CheckpointSigner.GenerateKey(Origin);
        using var forgerSigner = CheckpointSigner.FromPrivateKey(forger.PrivateKey);
        using var forgedLedger = new MemoryLedger();
        forgedLedger.AppendBatch([.. Enumerable.Range(0, 10).Select(i => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(i == 7 ? "nothing to see" : $"entry {i}"))]);
        var forged = ReceiptIssuer.Issue(forgedLedger, 7, forgerSigner.Sign(new Checkpoint(Origin, 10, forgedLedger.Head.RootHash)));

        foreach (var json in new[] { receipt.ToJson(), forged.ToJson() })
        {
            var file = Cli.TempFile(json, ".json");
            foreach (var args in new[] { new[] { "verify-receipt", file }, ["verify-receipt", file, "--key", ""], ["verify-receipt", file, "--checkpoint-url", " "], ["verify-receipt", file, "--origin", Origin] })
            {
                var (exit, output, error) = Cli.Run(args);
                Assert.Equal(1, exit);
                Assert.Equal("no trusted key: pass --key or --checkpoint-url", error.Trim());
                Assert.DoesNotContain("valid", output, StringComparison.Ordinal);
            }
        }

        var forgedFile = Cli.TempFile(forged.ToJson(), ".json");
        var (forgedExit, forgedOut, _) = Cli.Run("verify-receipt", forgedFile, "--key", keys.VerifierKey);
        Assert.Equal(1, forgedExit);
        Assert.StartsWith("invalid: checkpoint refused: note is not signed by key", forgedOut, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("entry", "invalid: the inclusion proof does not lead from the entry at index 7 to the checkpoint's root")]
    [InlineData("entry-appended", "invalid: the inclusion proof does not lead from the entry at index 7")]
    [InlineData("root", "invalid: checkpoint refused: signature by key credence.test/registry+")]
    [InlineData("size", "invalid: checkpoint refused: signature by key credence.test/registry+")]
    [InlineData("other-key", "invalid: checkpoint refused: note is not signed by key credence.test/registry+")]
    [InlineData("other-index", "invalid: the inclusion proof does not lead from the entry at index 6")]
    [InlineData("other-index-depth", "invalid: the inclusion proof has 4 hashes; entry 9 of a tree of 10 needs 2 (truncated or extended)")]
    [InlineData("index-outside", "invalid: index 10 is outside the checkpoint's tree of 10 entries")]
    [InlineData("truncated", "invalid: the inclusion proof has 3 hashes; entry 7 of a tree of 10 needs 4 (truncated or extended)")]
    [InlineData("extended", "invalid: the inclusion proof has 5 hashes; entry 7 of a tree of 10 needs 4 (truncated or extended)")]
    [InlineData("other-log", "invalid: checkpoint refused: checkpoint is for origin 'credence.test/staging', expected 'credence.test/registry'")]
    [InlineData("garbled", "invalid: malformed receipt: receipt is not valid JSON")]
    public void Each_forgery_is_refused_with_its_own_one_line_reason(string forgery, string reason)
    {
        var (keys, ledger, receipt) = Genuine();
        using var _ = ledger;
        using var signer = CheckpointSigner.FromPrivateKey(keys.PrivateKey);
        var note = receipt.CheckpointNote;
        var json = forgery switch
        {
            "entry" => (receipt with { Entry = Encoding.UTF8.GetBytes("entry 8") }).ToJson(),
            "entry-appended" => (receipt with { Entry = Encoding.UTF8.GetBytes("entry 7 ") }).ToJson(),
            "root" => (receipt with { CheckpointNote = note.Replace(ledger.Head.RootHash.ToBase64(), ledger.RootHash(9).ToBase64(), StringComparison.Ordinal) }).ToJson(),
            "size" => (receipt with { CheckpointNote = note.Replace("\n10\n", "\n11\n", StringComparison.Ordinal) }).ToJson(),
            "other-key" => OtherKey(ledger),
            "other-index" => (receipt with { Index = 6 }).ToJson(),
            "other-index-depth" => (receipt with { Index = 9 }).ToJson(),
            "index-outside" => (receipt with { Index = 10 }).ToJson(),
            "truncated" => (receipt with { InclusionProof = receipt.InclusionProof.RemoveAt(receipt.InclusionProof.Length - 1) }).ToJson(),
            "extended" => (receipt with { InclusionProof = receipt.InclusionProof.Add(ledger.Head.RootHash) }).ToJson(),
            "other-log" => ReceiptIssuer.Issue(ledger, 7, signer.Sign(new Checkpoint("credence.test/staging", 10, ledger.Head.RootHash))).ToJson(),
            _ => receipt.ToJson()[..^3],
        };
        var file = Cli.TempFile(json, ".json");
        var (exit, output, _) = Cli.Run("verify-receipt", file, "--key", keys.VerifierKey);
        Assert.Equal(1, exit);
        Assert.StartsWith(reason, output, StringComparison.Ordinal);
        Assert.Single(output.Trim().Split('\n'));
    }

    [Fact]
    public void A_key_that_is_no_verifier_key_is_refused()
    {
        var (_, ledger, receipt) = Genuine();
        using var __ = ledger;
        var file = Cli.TempFile(receipt.ToJson(), ".json");
        var (exit, output, error) = Cli.Run("verify-receipt", file, "--key", "credence.test/registry+00000000+AQ==");
        Assert.Equal(1, exit);
        Assert.StartsWith("--key: not a verifier key", error, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/registry")]
    [InlineData("not a url")]
    [InlineData("http://127.0.0.1:1/?x=1")]
    public void A_checkpoint_url_that_is_no_registry_base_url_is_refused(string url)
    {
        var (_, ledger, receipt) = Genuine();
        using var __ = ledger;
        var (exit, output, error) = Cli.Run("verify-receipt", Cli.TempFile(receipt.ToJson(), ".json"), "--checkpoint-url", url);
        Assert.Equal(1, exit);
        Assert.StartsWith("--checkpoint-url:", error, StringComparison.Ordinal);
        Assert.DoesNotContain("valid", output, StringComparison.Ordinal);
    }

    private static string OtherKey(MemoryLedger ledger)
    {
        using var other = CheckpointSigner.FromPrivateKey(CheckpointSigner.GenerateKey(Origin).PrivateKey);
        return ReceiptIssuer.Issue(ledger, 7, other.Sign(new Checkpoint(Origin, 10, ledger.Head.RootHash))).ToJson();
    }

    [Fact]
    public void A_missing_or_malformed_receipt_is_refused()
    {
        Assert.Equal(1, Cli.Run("verify-receipt", "/nonexistent/receipt.json", "--key", Genuine().Keys.VerifierKey).Exit);
        var file = TempPath();
        File.WriteAllText(file, "{\"format\":\"something-else\"}");
        var (exit, output, _) = Cli.Run("verify-receipt", file, "--key", Genuine().Keys.VerifierKey);
        Assert.Equal(1, exit);
        Assert.StartsWith("invalid:", output, StringComparison.Ordinal);
    }
}
