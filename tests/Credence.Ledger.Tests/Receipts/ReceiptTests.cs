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
    public void AReceiptOfAForgersOwnTreeAndKeyIsRefusedWithTheRegistrysKey()
    {
        // What the old keyless mode called valid: a consistent receipt of a tree and a key the forger made.
        var forger = CheckpointSigner.GenerateKey(Origin);
        using var forgerSigner = CheckpointSigner.FromPrivateKey(forger.PrivateKey);
        using var forged = new MemoryLedger();
        forged.AppendBatch(TestEntries.Entries(13).Select((e, i) => (ReadOnlyMemory<byte>)(i == 6 ? "I was never listed"u8.ToArray() : e)).ToList());
        var receipt = ReceiptIssuer.Issue(forged, 6, forgerSigner.Sign(new Checkpoint(Origin, 13, forged.Head.RootHash)));
        Assert.True(ReceiptVerifier.Verify(receipt.ToJson(), forger.VerifierKey).IsValid);

        var result = ReceiptVerifier.Verify(receipt.ToJson(), _keys.VerifierKey);
        Assert.False(result.IsValid);
        Assert.Equal($"checkpoint refused: note is not signed by key {NoteVerifierKey.Parse(_keys.VerifierKey).Name}+{NoteVerifierKey.Parse(_keys.VerifierKey).KeyId:x8}", result.Reason);
    }

    [Fact]
    public void TheOriginIsTheKeysNameUnlessTheCallerNamesTheLog()
    {
        var json = ReceiptIssuer.Issue(_ledger, 6, _note).ToJson();
        Assert.True(ReceiptVerifier.Verify(json, _keys.VerifierKey, Origin).IsValid);
        var refused = ReceiptVerifier.Verify(json, _keys.VerifierKey, "credence.test/another-ledger");
        Assert.Equal($"checkpoint refused: checkpoint is for origin '{Origin}', expected 'credence.test/another-ledger'", refused.Reason);

        // The same key signs a second log (another origin) that holds the same entries: a valid
        // signature, a valid proof, and still not this log's receipt.
        var otherLog = _signer.Sign(new Checkpoint("credence.test/staging", 13, _ledger.Head.RootHash));
        var crossLog = ReceiptIssuer.Issue(_ledger, 6, otherLog).ToJson();
        var result = ReceiptVerifier.Verify(crossLog, _keys.VerifierKey);
        Assert.False(result.IsValid);
        Assert.Equal($"checkpoint refused: checkpoint is for origin 'credence.test/staging', expected '{Origin}'", result.Reason);
        Assert.True(ReceiptVerifier.Verify(crossLog, _keys.VerifierKey, "credence.test/staging").IsValid);
    }

    [Fact]
    public void TheProofLengthIsTheRfcsInnerPlusBorderForEveryIndexAndSize()
    {
        for (var size = 1; size <= 70; size++)
        {
            using var ledger = new MemoryLedger();
            ledger.AppendBatch(TestEntries.Entries(size).Select(e => (ReadOnlyMemory<byte>)e).ToList());
            for (var index = 0; index < size; index++)
            {
                Assert.Equal(ledger.ProveInclusion(index, size).Path.Length, ReceiptVerifier.ProofLength(index, size));
            }
        }
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
