using Credence.Ledger.Checkpoints;
using Credence.Ledger.Hashing;

namespace Credence.Ledger.Tests.Checkpoints;

public sealed class CheckpointTests
{
    private static readonly MerkleHash Root = MerkleHasher.LeafHash([1, 2, 3]);

    [Fact]
    public void BodyIsOriginSizeAndBase64RootOnThreeLines()
    {
        var checkpoint = new Checkpoint("credence.example/ledger", 1234, Root);
        Assert.Equal($"credence.example/ledger\n1234\n{Root.ToBase64()}\n", checkpoint.Body);
        Assert.Equal(checkpoint, Checkpoint.ParseBody(checkpoint.Body));
    }

    [Fact]
    public void ExtensionLinesAreAcceptedAndIgnored()
    {
        var parsed = Checkpoint.ParseBody($"log\n7\n{Root.ToBase64()}\nextension line\n");
        Assert.Equal(new Checkpoint("log", 7, Root), parsed);
    }

    [Theory]
    [InlineData("log\n7\nROOT", "newline")]
    [InlineData("log\n7\n", "origin, size and root")]
    [InlineData("\n7\nROOT\n", "origin")]
    [InlineData("log\n07\nROOT\n", "size")]
    [InlineData("log\n-7\nROOT\n", "size")]
    [InlineData("log\n+7\nROOT\n", "size")]
    [InlineData("log\n7 \nROOT\n", "size")]
    [InlineData("log\n99999999999999999999\nROOT\n", "size")]
    [InlineData("log\nseven\nROOT\n", "size")]
    [InlineData("log\n7\nAAAA\n", "root")]
    [InlineData("log\n7\nROOT \n", "root")]
    [InlineData("log\n7\nROOT\n\n", "extension")]
    [InlineData("lo\tg\n7\nROOT\n", "origin")]
    public void MalformedBodiesAreRefusedWithAReason(string body, string reasonContains)
    {
        body = body.Replace("ROOT", Root.ToBase64(), StringComparison.Ordinal);
        Assert.False(Checkpoint.TryParseBody(body, out var checkpoint, out var reason));
        Assert.Null(checkpoint);
        Assert.Contains(reasonContains, reason, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => Checkpoint.ParseBody(body));
    }

    [Fact]
    public void ConstructionRefusesImpossibleValues()
    {
        Assert.Throws<ArgumentException>(() => new Checkpoint("", 1, Root));
        Assert.Throws<ArgumentException>(() => new Checkpoint("a\nb", 1, Root));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Checkpoint("log", -1, Root));
        Assert.Throws<ArgumentException>(() => new Checkpoint("log", 1, default));
    }
}
