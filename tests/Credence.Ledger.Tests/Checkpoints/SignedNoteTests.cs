using Credence.Ledger.Checkpoints;
using Credence.Ledger.Hashing;

namespace Credence.Ledger.Tests.Checkpoints;

public sealed class SignedNoteTests
{
    // The example key and note of the reference signed-note implementation (Go's sumdb/note package).
    private const string GoVerifierKey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private const string GoPrivateKey = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private const string GoText = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    private const string GoNote = GoText + "\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    [Fact]
    public void SigningReproducesTheReferenceNoteByteForByte()
    {
        using var signer = CheckpointSigner.FromPrivateKey(GoPrivateKey);
        Assert.Equal(GoVerifierKey, signer.VerifierKey.Encoded);
        Assert.Equal(0xc74f20a3u, signer.VerifierKey.KeyId);
        Assert.Equal(GoNote, signer.SignNote(GoText));
    }

    [Fact]
    public void TheReferenceNoteParsesAndItsSignatureVerifies()
    {
        var note = SignedNote.Parse(GoNote);
        Assert.Equal(GoText, note.Text);
        var signature = Assert.Single(note.Signatures);
        Assert.Equal("PeterNeumann", signature.KeyName);
        Assert.Equal(0xc74f20a3u, signature.KeyId);
        Assert.True(NoteVerifierKey.Parse(GoVerifierKey).Verify(System.Text.Encoding.UTF8.GetBytes(GoText), signature.SignatureBytes()));
        Assert.Equal(GoNote, note.Format());
    }

    [Fact]
    public void GeneratedKeysSignCheckpointsThatVerify()
    {
        var keys = CheckpointSigner.GenerateKey("credence.example/ledger");
        Assert.StartsWith("PRIVATE+KEY+credence.example/ledger+", keys.PrivateKey, StringComparison.Ordinal);
        Assert.DoesNotContain(keys.PrivateKey, keys.ToString(), StringComparison.Ordinal);
        using var signer = CheckpointSigner.FromPrivateKey(keys.PrivateKey);
        Assert.Equal(keys.VerifierKey, signer.VerifierKey.Encoded);

        var checkpoint = new Checkpoint("credence.example/ledger", 42, MerkleHasher.LeafHash([4, 2]));
        var note = signer.Sign(checkpoint);
        Assert.StartsWith(checkpoint.Body + "\n\u2014 credence.example/ledger ", note, StringComparison.Ordinal);
        var result = new CheckpointVerifier(keys.VerifierKey, "credence.example/ledger").Verify(note);
        Assert.True(result.IsValid, result.Reason);
        Assert.Null(result.Reason);
        Assert.Equal(checkpoint, result.Checkpoint);
        Assert.Equal(note, signer.Sign(checkpoint));
    }

    [Fact]
    public void AlteredBodyWrongKeyAndAlteredSignatureAreRefused()
    {
        var keys = CheckpointSigner.GenerateKey("log");
        var other = CheckpointSigner.GenerateKey("log");
        using var signer = CheckpointSigner.FromPrivateKey(keys.PrivateKey);
        var note = signer.Sign(new Checkpoint("log", 10, MerkleHasher.LeafHash([1])));
        var verifier = new CheckpointVerifier(keys.VerifierKey);

        var altered = note.Replace("\n10\n", "\n11\n", StringComparison.Ordinal);
        Assert.Contains("does not verify", verifier.Verify(altered).Reason, StringComparison.Ordinal);

        Assert.Contains("not signed by key", new CheckpointVerifier(other.VerifierKey).Verify(note).Reason, StringComparison.Ordinal);

        var line = note[(note.LastIndexOf('\n', note.Length - 2) + 1)..];
        var payload = Convert.FromBase64String(line.Split(' ')[2].TrimEnd('\n'));
        payload[^1] ^= 1;
        var forged = note.Replace(line, $"\u2014 log {Convert.ToBase64String(payload)}\n", StringComparison.Ordinal);
        Assert.Contains("does not verify", verifier.Verify(forged).Reason, StringComparison.Ordinal);

        Assert.Contains("expected 'other'", new CheckpointVerifier(keys.VerifierKey, "other").Verify(note).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void SignaturesByUnknownKeysAreIgnoredButOneKnownSignatureIsNeeded()
    {
        var keys = CheckpointSigner.GenerateKey("log");
        var witness = CheckpointSigner.GenerateKey("witness");
        using var signer = CheckpointSigner.FromPrivateKey(keys.PrivateKey);
        using var cosigner = CheckpointSigner.FromPrivateKey(witness.PrivateKey);
        var checkpoint = new Checkpoint("log", 3, MerkleHasher.LeafHash([3]));
        var witnessLine = SignedNote.Parse(cosigner.Sign(checkpoint)).Signatures[0].Line;
        var both = signer.Sign(checkpoint) + witnessLine;
        Assert.True(new CheckpointVerifier(keys.VerifierKey).Verify(both).IsValid);
        Assert.True(new CheckpointVerifier(witness.VerifierKey).Verify(both).IsValid);

        var onlyWitness = checkpoint.Body + "\n" + witnessLine;
        Assert.Contains("not signed by key log+", new CheckpointVerifier(keys.VerifierKey).Verify(onlyWitness).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("text\n", "blank line")]
    [InlineData("text\n\n", "signature lines")]
    [InlineData("text\n\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=", "signature lines")]
    [InlineData("text\n\n- PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n", "em dash")]
    [InlineData("text\n\n\u2014 Peter+Neumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n", "key name")]
    [InlineData("text\n\n\u2014  x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n", "key name")]
    [InlineData("text\n\n\u2014 PeterNeumann\n", "payload")]
    [InlineData("text\n\n\u2014 PeterNeumann x08go/ZJkuBS9UG/Sffc vIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n", "payload")]
    [InlineData("text\n\n\u2014 PeterNeumann AAAA\n", "payload")]
    [InlineData("te\rxt\n\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n", "control")]
    public void MalformedNotesAreRefused(string note, string reasonContains)
    {
        Assert.False(SignedNote.TryParse(note, out _, out var reason));
        Assert.Contains(reasonContains, reason, StringComparison.Ordinal);
        Assert.Contains("malformed note", new CheckpointVerifier(GoVerifierKey).Verify(note).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void MoreThanOneHundredSignaturesAreRefused()
    {
        var line = GoNote[(GoText.Length + 1)..];
        var many = GoText + "\n" + string.Concat(Enumerable.Repeat(line, 101));
        Assert.False(SignedNote.TryParse(many, out _, out var reason));
        Assert.Contains("100", reason, StringComparison.Ordinal);
        Assert.True(SignedNote.TryParse(GoText + "\n" + string.Concat(Enumerable.Repeat(line, 100)), out _, out _));
    }

    [Fact]
    public void AVerifiedNoteThatIsNotACheckpointIsRefused()
    {
        var result = new CheckpointVerifier(GoVerifierKey).Verify(GoNote);
        Assert.False(result.IsValid);
        Assert.Contains("not a checkpoint", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    [InlineData("PeterNeumanm+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    [InlineData("PeterNeumann+c74f20a3+AhpczQcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    [InlineData("PeterNeumann+c74f20a3")]
    [InlineData("PeterNeumann+c74f20+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    [InlineData("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    [InlineData("PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==")]
    [InlineData("")]
    public void MalformedOrMismatchedVerifierKeysAreRefused(string key) =>
        Assert.Throws<FormatException>(() => NoteVerifierKey.Parse(key));

    [Theory]
    [InlineData("PRIVATE+KEY+PeterNeumann+c74f20a4+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz")]
    [InlineData("PRIVATE+KEY+PeterNeumanm+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz")]
    [InlineData("PRIVATE+KEY+PeterNeumann+c74f20a3+AoEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz")]
    [InlineData("PRIVATE+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz")]
    [InlineData("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    public void MalformedOrMismatchedPrivateKeysAreRefused(string key) =>
        Assert.Throws<FormatException>(() => CheckpointSigner.FromPrivateKey(key));

    [Fact]
    public void VerifierKeysFromRawPublicKeysMatchTheTextForm()
    {
        var parsed = NoteVerifierKey.Parse(GoVerifierKey);
        var raw = Convert.FromBase64String("ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")[1..];
        Assert.Equal(parsed, NoteVerifierKey.FromPublicKey("PeterNeumann", raw));
        Assert.Throws<ArgumentException>(() => NoteVerifierKey.FromPublicKey("Peter Neumann", raw));
        Assert.Throws<ArgumentException>(() => NoteVerifierKey.FromPublicKey("PeterNeumann", raw.AsSpan(0, 31)));
    }

    [Fact]
    public void InvalidKeyNamesAndNoteTextsAreRefused()
    {
        Assert.Throws<ArgumentException>(() => CheckpointSigner.GenerateKey("has space"));
        Assert.Throws<ArgumentException>(() => CheckpointSigner.GenerateKey("has+plus"));
        Assert.Throws<ArgumentException>(() => CheckpointSigner.GenerateKey(""));
        using var signer = CheckpointSigner.FromPrivateKey(GoPrivateKey);
        Assert.Throws<ArgumentException>(() => signer.SignNote("no final newline"));
        Assert.Throws<ArgumentException>(() => signer.SignNote("blank\n\nline\n"));
        Assert.Throws<ArgumentException>(() => signer.SignNote("control\u0001\n"));
    }
}
