using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.NoEmit;
using Credence.Ledger.Proofs;

namespace Credence.Ledger.Bench;

/// <summary>BenchmarkDotNet runs of proof generation on the shared large tree.</summary>
/// <remarks>
/// Implementation note: in-process, because the 10-million-entry tree is built once by the host
/// process and a separate benchmark process would have to build it again. Each invocation proves a
/// different random position, cycling through a fixed pseudo-random sequence.
/// </remarks>
public class ProofGenerationBenchmarks
{
    private const int Positions = 1 << 16;
    private long[] _indices = [];
    private long[] _oldSizes = [];
    private int _next;
    private ProofBuilder _proofs = null!;
    private long _size;

    [GlobalSetup]
    public void Setup()
    {
        var tree = LargeTree.Current ?? throw new InvalidOperationException("Build the large tree first.");
        _proofs = tree.Proofs;
        _size = tree.Size;
        var random = new Random(11);
        _indices = Enumerable.Range(0, Positions).Select(_ => random.NextInt64(_size)).ToArray();
        _oldSizes = Enumerable.Range(0, Positions).Select(_ => 1 + random.NextInt64(_size - 1)).ToArray();
    }

    [Benchmark]
    public InclusionProof InclusionProof() => _proofs.InclusionProof(_indices[_next++ & (Positions - 1)], _size);

    [Benchmark]
    public ConsistencyProof ConsistencyProof() => _proofs.ConsistencyProof(_oldSizes[_next++ & (Positions - 1)], _size);

    internal static void Run(LargeTree tree, bool quick)
    {
        _ = tree;
        var job = (quick ? Job.ShortRun : Job.Default.WithWarmupCount(5).WithIterationCount(15)).WithToolchain(InProcessNoEmitToolchain.Instance);
        var config = ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(job)
            .AddColumn(StatisticColumn.P95, StatisticColumn.Max)
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "credence-ledger-bench-artifacts"));
        Console.WriteLine();
        BenchmarkRunner.Run<ProofGenerationBenchmarks>(config);
    }
}
