using System.Globalization;

namespace Credence.Load;

/// <summary>What one load run measured.</summary>
internal sealed record LoadResult(string Name, long Requests, long Errors, TimeSpan Elapsed, double P50Ms, double P99Ms, double MaxMs)
{
    public double PerSecond => Requests / Elapsed.TotalSeconds;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name}: {PerSecond:N0} req/s ({Requests:N0} in {Elapsed.TotalSeconds:F1} s, {Errors} errors), p50 {P50Ms:F2} ms, p99 {P99Ms:F2} ms, max {MaxMs:F1} ms");
}
