namespace Credence.Ledger.Bench;

/// <summary>
/// Ledger benchmarks. Usage: <c>dotnet run -c Release --project bench/Credence.Ledger.Bench -- [--quick] [--appends-only | --proofs-only]</c>.
/// </summary>
/// <remarks>
/// Implementation note: durable appends are timed with a plain Stopwatch harness (BenchmarkDotNet's
/// per-invocation model does not fit thousands of concurrent appenders sharing fsyncs); proof
/// generation is measured twice on one 10-million-entry file-backed tree: a per-proof latency
/// distribution (for the p99 target) and BenchmarkDotNet in-process runs (for mean and spread).
/// <c>--quick</c> shrinks every count so the whole run takes about two minutes.
/// </remarks>
public static class Program
{
    private const long TreeSize = 10_000_000;

    public static async Task<int> Main(string[] args)
    {
        var quick = args.Contains("--quick");
        var appends = !args.Contains("--proofs-only");
        var proofs = !args.Contains("--appends-only");
        Console.WriteLine($"Credence ledger benchmarks ({(quick ? "quick" : "full")}), {Environment.ProcessorCount} cores, .NET {Environment.Version}");

        if (appends)
        {
            await DurableAppendBenchmark.RunAsync(quick).ConfigureAwait(false);
        }

        if (proofs)
        {
            using var tree = LargeTree.Build(TreeSize);
            ProofLatency.Run(tree, quick ? 100_000 : 200_000);
            ProofGenerationBenchmarks.Run(tree, quick);
        }

        return 0;
    }
}
