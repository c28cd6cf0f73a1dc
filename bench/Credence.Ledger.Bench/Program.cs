namespace Credence.Ledger.Bench;

/// <summary>
/// Ledger benchmarks. Usage: <c>dotnet run -c Release --project bench/Credence.Ledger.Bench -- [--quick]</c>.
/// </summary>
/// <remarks>
/// Implementation note: proof generation is measured twice on one 10-million-entry tree held in
/// memory: a per-proof latency
/// distribution (for the p99 target) and BenchmarkDotNet in-process runs (for mean and spread).
/// <c>--quick</c> shrinks every count so the whole run takes about two minutes.
/// </remarks>
public static class Program
{
    private const long TreeSize = 10_000_000;

    public static int Main(string[] args)
    {
        var quick = args.Contains("--quick");
        Console.WriteLine($"Credence ledger benchmarks ({(quick ? "quick" : "full")}), {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        using var tree = LargeTree.Build(TreeSize);
        ProofLatency.Run(tree, quick ? 100_000 : 200_000);
        ProofGenerationBenchmarks.Run(tree, quick);
        return 0;
    }
}
