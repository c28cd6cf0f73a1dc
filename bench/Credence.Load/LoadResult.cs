using System.Globalization;

namespace Credence.Load;

/// <summary>What one load run measured.</summary>
internal sealed record LoadResult(string Name, long Requests, long Errors, TimeSpan Elapsed, double P50Ms, double P99Ms, double MaxMs, TimeSpan Cpu)
{
    /// <summary>This process's CPU time per request in the measured window (warm-up not counted; the load generator counted).</summary>
    public double CpuMicroseconds => Requests == 0 ? 0 : Cpu.TotalMicroseconds / Requests;

    public double PerSecond => Requests / Elapsed.TotalSeconds;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name}: {PerSecond:N0} req/s ({Requests:N0} in {Elapsed.TotalSeconds:F1} s, {Errors} errors), p50 {P50Ms:F2} ms, p99 {P99Ms:F2} ms, max {MaxMs:F1} ms; {CpuMicroseconds:F0} µs of CPU per request");
}
