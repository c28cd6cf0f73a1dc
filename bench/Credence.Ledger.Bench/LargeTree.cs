using System.Diagnostics;
using Credence.Ledger.Proofs;
using Credence.Ledger.Tree;

namespace Credence.Ledger.Bench;

/// <summary>A large tree in a <see cref="FileNodeStore"/> in a temp directory, built by bulk-appending leaf hashes.</summary>
/// <remarks>
/// Implementation note: the leaves are random 32-byte values standing in for leaf hashes; proof
/// generation reads hashes and never looks at entries, so its cost does not depend on them. Building
/// through <see cref="MerkleLog.AppendLeafHashes"/> in large chunks costs one SHA-256 per interior node
/// and a few large writes. The instance is shared with the in-process BenchmarkDotNet runs.
/// </remarks>
internal sealed class LargeTree : IDisposable
{
    private const int ChunkLeaves = 1 << 16;
    private readonly string _directory;

    private LargeTree(string directory, FileNodeStore store)
    {
        _directory = directory;
        Store = store;
        Proofs = new ProofBuilder(store);
    }

    /// <summary>The tree the BenchmarkDotNet runs use.</summary>
    public static LargeTree? Current { get; private set; }

    public FileNodeStore Store { get; }

    public ProofBuilder Proofs { get; }

    public long Size => Store.LeafCount;

    public static LargeTree Build(long leaves)
    {
        var directory = Path.Combine(Path.GetTempPath(), "credence-ledger-bench-tree-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var store = FileNodeStore.Open(Path.Combine(directory, "nodes.dat"));
        var log = new MerkleLog(store);
        var random = new Random(20240601);
        var chunk = new byte[ChunkLeaves * 32];
        var clock = Stopwatch.StartNew();
        for (long done = 0; done < leaves; done += ChunkLeaves)
        {
            var count = (int)Math.Min(ChunkLeaves, leaves - done);
            random.NextBytes(chunk);
            log.AppendLeafHashes(chunk.AsSpan(0, count * 32));
        }

        clock.Stop();
        var built = clock.Elapsed;

        // Flush before measuring, so background writeback of the new file does not overlap the proofs.
        clock.Restart();
        store.Flush();
        clock.Stop();
        Console.WriteLine();
        Console.WriteLine($"Built a {leaves:N0}-leaf tree in the file node store in {built.TotalSeconds:F1} s " +
            $"({new FileInfo(Path.Combine(directory, "nodes.dat")).Length / (1024.0 * 1024.0):N0} MiB), fsync {clock.Elapsed.TotalSeconds:F1} s, root {log.RootHash.ToHex()[..16]}…");
        Current = new LargeTree(directory, store);
        return Current;
    }

    public void Dispose()
    {
        Current = null;
        Store.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
