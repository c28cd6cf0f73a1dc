using System.Diagnostics;
using Credence.Ledger.Proofs;
using Credence.Ledger.Tree;

namespace Credence.Ledger.Bench;

/// <summary>A large tree in a <see cref="MemoryNodeStore"/>, built by bulk-appending leaf hashes.</summary>
/// <remarks>
/// Implementation note: the leaves are random 32-byte values standing in for leaf hashes; proof
/// generation reads hashes and never looks at entries, so its cost does not depend on them. Building
/// through <see cref="MerkleLog.AppendLeafHashes"/> in large chunks costs one SHA-256 per interior node
/// and a few large copies. The instance is shared with the in-process BenchmarkDotNet runs. (The file
/// node store it used before is gone: the registry keeps its nodes in its own store.)
/// </remarks>
internal sealed class LargeTree : IDisposable
{
    private const int ChunkLeaves = 1 << 16;

    private LargeTree(MemoryNodeStore store)
    {
        Store = store;
        Proofs = new ProofBuilder(store);
    }

    /// <summary>The tree the BenchmarkDotNet runs use.</summary>
    public static LargeTree? Current { get; private set; }

    public MemoryNodeStore Store { get; }

    public ProofBuilder Proofs { get; }

    public long Size => Store.LeafCount;

    public static LargeTree Build(long leaves)
    {
        var store = new MemoryNodeStore();
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
        Console.WriteLine();
        Console.WriteLine($"Built a {leaves:N0}-leaf tree in the memory node store in {clock.Elapsed.TotalSeconds:F1} s, root {log.RootHash.ToHex()[..16]}…");
        Current = new LargeTree(store);
        return Current;
    }

    public void Dispose()
    {
        Current = null;
        Store.Dispose();
    }
}
