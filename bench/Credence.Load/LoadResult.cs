using System.Globalization;

namespace Credence.Load;

/// <summary>What one load run measured.</summary>
internal sealed record LoadResult(string Name, long Requests, long Errors, TimeSpan Elapsed, double P50Ms, double P99Ms, double MaxMs, TimeSpan Cpu)
{
    /// <summary>This process's CPU time per request in the measured window (warm-up not counted; the load generator counted).</summary>
    public double CpuMicroseconds => Requests == 0 ? 0 : Cpu.TotalMicroseconds / Requests;

    public double PerSecond => Requests / Elapsed.TotalSeconds;

    /// <summary>Requests answered with a success status.</summary>
    public long Answered => Requests - Errors;

    /// <summary>The processor time of the servers under test (other processes) in the measured window, when the caller could read it.</summary>
    public TimeSpan? ServerCpu { get; init; }

    /// <summary>The database server's processor time in the measured window, when the caller could read it.</summary>
    public TimeSpan? DatabaseCpu { get; init; }

    /// <summary>The database server's processor time per answered request, in microseconds.</summary>
    public double? DatabaseCpuMicroseconds => DatabaseCpu is { } c && Answered > 0 ? c.TotalMicroseconds / Answered : null;

    /// <summary>The whole machine's busy processor time in the measured window (<see cref="MachineCpu"/>).</summary>
    public TimeSpan MachineCpu { get; init; }

    /// <summary>The servers' processor time per answered request, in microseconds.</summary>
    public double? ServerCpuMicroseconds => ServerCpu is { } c && Answered > 0 ? c.TotalMicroseconds / Answered : null;

    /// <summary>The machine's busy processor time per answered request, in microseconds.</summary>
    public double MachineCpuMicroseconds => Answered == 0 ? 0 : MachineCpu.TotalMicroseconds / Answered;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name}: {PerSecond:N0} req/s ({Requests:N0} in {Elapsed.TotalSeconds:F1} s, {Errors} errors), p50 {P50Ms:F2} ms, p99 {P99Ms:F2} ms, max {MaxMs:F1} ms; {CpuMicroseconds:F0} µs of CPU per request{(ServerCpuMicroseconds is { } s ? $", servers {s:F0} µs" : "")}{(DatabaseCpuMicroseconds is { } d ? $", database {d:F0} µs" : "")}, machine {MachineCpuMicroseconds:F0} µs");
}
