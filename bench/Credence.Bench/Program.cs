using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Credence.Bench;

// Usage: dotnet run -c Release --project bench/Credence.Bench [-- --quick]
// Prints each method's time per subject and bytes allocated, and the ratios against Credence.
var quick = args.Contains("--quick");
var job = quick ? Job.ShortRun : Job.Default;
var config = ManualConfig.Create(DefaultConfig.Instance).AddJob(job).WithOptions(ConfigOptions.DisableOptimizationsValidator);
var summary = BenchmarkRunner.Run<ScoringBenchmarks>(config);

BenchmarkDotNet.Mathematics.Statistics Stats(string name) => summary.Reports.First(r => r.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Contains(name, StringComparison.Ordinal)).ResultStatistics!;
double Mean(string name) => Stats(name).Mean;
long Allocated(string name) => summary.Reports.First(r => r.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Contains(name, StringComparison.Ordinal)).GcStats.GetBytesAllocatedPerOperation(summary.Reports[0].BenchmarkCase) ?? -1;

var credence = Mean("Credence");
var naive = Mean("naive");
var rulesEngine = Mean("RulesEngine");
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Credence engine:   {credence,10:F1} ns per 10-record subject, {1e9 / credence,14:N0} subjects/s, {Allocated("Credence")} B allocated per subject"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"                   (median {Stats("Credence").Median:F1} ns, fastest iteration {Stats("Credence").Min:F1} ns, standard deviation {Stats("Credence").StandardDeviation:F1} ns)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"naive C# loop:     {naive,10:F1} ns per subject ({naive / credence:F1}x Credence)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RulesEngine 6.0.1: {rulesEngine,10:F1} ns per subject ({rulesEngine / credence:N0}x Credence)"));
