using System.Diagnostics;
using System.Globalization;
using Credence.Ledger.Hashing;
using Credence.Ledger.Proofs;

namespace Credence.Ledger.Bench;

/// <summary>Per-proof latency distribution on the large tree, one proof at a time, random positions.</summary>
internal static class ProofLatency
{
    public static void Run(LargeTree tree, int samples)
    {
        var random = new Random(7);
        var size = tree.Size;

        // Sanity: a sample of proofs verifies, so the timings are of correct work.
        for (var k = 0; k < 100; k++)
        {
            var index = random.NextInt64(size);
            var leaf = new byte[32];
            tree.Store.ReadNode(0, index, leaf);
            if (!ProofVerifier.VerifyInclusion(tree.Proofs.InclusionProof(index, size), new MerkleHash(leaf), tree.Proofs.RootHash(size)))
            {
                throw new InvalidOperationException("An inclusion proof on the large tree did not verify.");
            }
        }

        Measure($"Inclusion proof, tree of {size:N0}", samples, () => tree.Proofs.InclusionProof(random.NextInt64(size), size));
        Measure($"Consistency proof, random old size to {size:N0}", samples, () => tree.Proofs.ConsistencyProof(1 + random.NextInt64(size - 1), size));
        Measure("Inclusion proof at a random historical size", samples, () =>
        {
            var treeSize = 1 + random.NextInt64(size);
            return tree.Proofs.InclusionProof(random.NextInt64(treeSize), treeSize);
        });
    }

    private static void Measure(string name, int samples, Func<object> proof)
    {
        for (var i = 0; i < Math.Min(samples, 10_000); i++)
        {
            proof();
        }

        var ticks = new long[samples];
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < samples; i++)
        {
            var start = Stopwatch.GetTimestamp();
            proof();
            ticks[i] = Stopwatch.GetTimestamp() - start;
        }

        clock.Stop();
        Array.Sort(ticks);
        Console.WriteLine();
        Console.WriteLine($"{name}, {samples:N0} proofs ({samples / clock.Elapsed.TotalSeconds:N0} proofs/s on one thread):");
        Console.WriteLine($"  p50 {Us(ticks, 0.50)} µs, p90 {Us(ticks, 0.90)} µs, p99 {Us(ticks, 0.99)} µs, p99.9 {Us(ticks, 0.999)} µs, max {Us(ticks, 1.0)} µs");
    }

    private static string Us(long[] sorted, double quantile)
    {
        var index = Math.Min(sorted.Length - 1, (int)(quantile * sorted.Length));
        return (sorted[index] * 1_000_000.0 / Stopwatch.Frequency).ToString("F1", CultureInfo.InvariantCulture);
    }
}
