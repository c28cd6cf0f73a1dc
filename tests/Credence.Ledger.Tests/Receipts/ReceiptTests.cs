using System.Text.Json.Nodes;
using Credence.Ledger.Checkpoints;
using Credence.Ledger.Hashing;
using Credence.Ledger.Receipts;
using Credence.Ledger.Storage;
using Credence.Ledger.Tests.Support;

namespace Credence.Ledger.Tests.Receipts;

public sealed class ReceiptTests : IDisposable
{
    private const string Origin = "credence.test/ledger";
    private readonly CheckpointKeyPair _keys = CheckpointSigner.GenerateKey(Origin);
    private readonly CheckpointSigner _signer;
    private readonly MemoryLedger _ledger = new();
    private readonly string _note;

    public ReceiptTests()
    {
        _signer = CheckpointSigner.FromPrivateKey(_keys.PrivateKey);
        _ledger.AppendBatch(TestEntries.Entries(13).Select(e => (ReadOnlyMemory<byte>)e).ToList());
        _note = _signer.Sign(new Checkpoint(Origin, _ledger.Head.Size, _ledger.Head.RootHash));
    }

    [Fact]
    public void AnIssuedReceiptVerifiesOfflineWithTheVerifierKey()
    {
        var json = ReceiptIssuer.Issue(_ledger, 6, _note).ToJson();
        var result = ReceiptVerifier.Verify(json, _keys.VerifierKey);
        Assert.True(result.IsValid, result.Reason);
        Assert.True(result.SignatureVerified);
        Assert.Null(result.Reason);
        Assert.Equal(TestEntries.Entry(6), result.Receipt!.Entry.ToArray());
        Assert.Equal(13, result.Checkpoint!.Size);
    }

    [Fact]
    public void TheJsonFormIsStableAndRoundTrips()
    {
        var receipt = ReceiptIssuer.Issue(_ledger, 0, _note);
        var json = receipt.ToJson();
        Assert.StartsWith("{\"format\":\"credence-receipt/v1\",\"index\":0,\"entry\":\"", json, StringComparison.Ordinal);
        Assert.Contains("\"inclusionProof\":[\"", json, StringComparison.Ordinal);
        Assert.Equal(receipt, Receipt.FromJson(json));
        Assert.Equal(json, Receipt.FromJson(json).ToJson());
    }

    [Fact]
    public void WithoutAKeyOnlyTheProofIsCheckedAndTheResultSaysSo()
    {
        var result = ReceiptVerifier.Verify(ReceiptIssuer.Issue(_ledger, 3, _note).ToJson());
        Assert.True(result.IsValid);
        Assert.False(result.SignatureVerified);
        Assert.Equal(ReceiptVerifier.SignatureNotChecked, result.Reason);
    }

    [Theory]
    [InlineData("entry", "does not lead")]
    [InlineData("index", "does not lead")]
    [InlineData("index-beyond", "outside the checkpoint")]
    [InlineData("proof-hash", "does not lead")]
    [InlineData("proof-long", "does not lead")]
    [InlineData("proof-short", "does not lead")]
    [InlineData("checkpoint-size", "does not verify")]
    [InlineData("checkpoint-other-key", "not signed by key")]
    [InlineData("checkpoint-garbled", "malformed note")]
    public void TamperedReceiptsAreRefusedWithAOneLineReason(string tamper, string reasonContains)
    {
        var receipt = ReceiptIssuer.Issue(_ledger, 6, _note);
        var json = JsonNode.Parse(receipt.ToJson())!.AsObject();
        var proof = json["inclusionProof"]!.AsArray();
        switch (tamper)
        {
            case "entry": json["entry"] = Convert.ToBase64String(TestEntries.Entry(7)); break;
            case "index": json["index"] = 7; break;
            case "index-beyond": json["index"] = 13; break;
            case "proof-hash": proof[1] = MerkleHasher.LeafHash([0]).ToBase64(); break;
            case "proof-long": proof.Add(MerkleHasher.LeafHash([0]).ToBase64()); break;
            case "proof-short": proof.RemoveAt(proof.Count - 1); break;
            case "checkpoint-size": json["checkpoint"] = _note.Replace("\n13\n", "\n14\n", StringComparison.Ordinal); break;
            case "checkpoint-other-key":
                using (var other = CheckpointSigner.FromPrivateKey(CheckpointSigner.GenerateKey(Origin).PrivateKey))
                {
                    json["checkpoint"] = other.Sign(new Checkpoint(Origin, 13, _ledger.Head.RootHash));
                }

                break;
            case "checkpoint-garbled": json["checkpoint"] = _note.Replace("\u2014", "-", StringComparison.Ordinal); break;
        }

        var result = ReceiptVerifier.Verify(json.ToJsonString(), _keys.VerifierKey);
        Assert.False(result.IsValid);
        Assert.False(result.SignatureVerified);
        Assert.Contains(reasonContains, result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', result.Reason!);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[]", "JSON object")]
    [InlineData("{\"format\":\"credence-receipt/v1\"}", "lacks the field")]
    [InlineData("{\"format\":\"credence-receipt/v2\",\"index\":0,\"entry\":\"AQ==\",\"inclusionProof\":[],\"checkpoint\":\"x\"}", "format")]
    [InlineData("{\"format\":\"credence-receipt/v1\",\"index\":-1,\"entry\":\"AQ==\",\"inclusionProof\":[],\"checkpoint\":\"x\"}", "index")]
    [InlineData("{\"format\":\"credence-receipt/v1\",\"index\":1.5,\"entry\":\"AQ==\",\"inclusionProof\":[],\"checkpoint\":\"x\"}", "index")]
    [InlineData("{\"format\":\"credence-receipt/v1\",\"index\":0,\"entry\":\"%%\",\"inclusionProof\":[],\"checkpoint\":\"x\"}", "entry")]
    [InlineData("{\"format\":\"credence-receipt/v1\",\"index\":0,\"entry\":\"AQ==\",\"inclusionProof\":[\"AAAA\"],\"checkpoint\":\"x\"}", "inclusionProof")]
    [InlineData("{\"format\":\"credence-receipt/v1\",\"index\":0,\"entry\":\"AQ==\",\"inclusionProof\":{},\"checkpoint\":\"x\"}", "inclusionProof")]
    [InlineData("{\"format\":\"credence-receipt/v1\",\"index\":0,\"entry\":\"AQ==\",\"inclusionProof\":[],\"checkpoint\":7}", "checkpoint")]
    [InlineData("{\"format\":\"credence-receipt/v1\",\"index\":0,\"index\":0,\"entry\":\"AQ==\",\"inclusionProof\":[],\"checkpoint\":\"x\"}", "repeats")]
    [InlineData("{\"format\":\"credence-receipt/v1\",\"extra\":1,\"index\":0,\"entry\":\"AQ==\",\"inclusionProof\":[],\"checkpoint\":\"x\"}", "unknown field")]
    public void MalformedReceiptsAreRefused(string json, string reasonContains)
    {
        var result = ReceiptVerifier.Verify(json, _keys.VerifierKey);
        Assert.False(result.IsValid);
        Assert.StartsWith("malformed receipt", result.Reason, StringComparison.Ordinal);
        Assert.Contains(reasonContains, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TheIssuerRefusesCheckpointsOfAnotherLedgerAndIndicesOutsideThem()
    {
        using var other = new MemoryLedger();
        other.AppendBatch(TestEntries.Entries(13).Select(e => (ReadOnlyMemory<byte>)e.Reverse().ToArray()).ToList());
        Assert.Throws<InvalidOperationException>(() => ReceiptIssuer.Issue(other, 1, _note));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReceiptIssuer.Issue(_ledger, 13, _note));
        using var small = new MemoryLedger();
        small.AppendBatch([TestEntries.Entry(0)]);
        Assert.Throws<InvalidOperationException>(() => ReceiptIssuer.Issue(small, 0, _note));
        Assert.Throws<FormatException>(() => ReceiptIssuer.Issue(_ledger, 0, "not a note"));
    }

    [Fact]
    public void AMalformedVerifierKeyIsTheCallersErrorAndThrows() =>
        Assert.Throws<FormatException>(() => ReceiptVerifier.Verify("{}", "not a key"));

    public void Dispose()
    {
        _signer.Dispose();
        _ledger.Dispose();
    }
}
