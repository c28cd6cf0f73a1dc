using System.Diagnostics;
using System.Globalization;
using System.Net;
using HdrHistogram;

namespace Credence.Load;

/// <summary>What an open-loop run measured: latencies from each request's intended send time.</summary>
internal sealed record OpenLoadResult(string Name, double TargetRate, long Sent, long Errors, TimeSpan Elapsed, double P50Ms, double P99Ms, double P999Ms, double MaxMs, long LateStarts)
{
    public double PerSecond => Sent / Elapsed.TotalSeconds;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name}: open loop at {TargetRate:N0} req/s for {Elapsed.TotalSeconds:F1} s: {Sent:N0} sent ({PerSecond:N0}/s, {Errors} errors), from intended send time p50 {P50Ms:F2} ms, p99 {P99Ms:F2} ms, p99.9 {P999Ms:F2} ms, max {MaxMs:F1} ms ({LateStarts:N0} sent over 1 ms late by the generator)");
}

/// <summary>
/// An open-loop load generator on loopback: requests are sent on a fixed schedule (request
/// <c>i</c> at <c>i / rate</c> seconds), whether or not earlier ones were answered, and each
/// latency is measured from the request's intended send time, so a server that falls behind shows
/// its queueing in the figures instead of slowing the generator down (coordinated omission).
/// </summary>
/// <remarks>
/// Implementation note: one thread keeps the schedule (it sleeps a millisecond while the next send
/// is more than 0.1 ms away, then spins) and hands each due request to the thread pool; when it falls
/// behind it sends what is due at once, and the lateness counts in the latency since the clock
/// started at the intended time. Until session 9 it spun whenever the next send was less than 2 ms
/// away, which at a few thousand requests a second is always: the generator's schedule kept one of
/// this machine's two cores busy spinning, taken from the server under test (much more from the
/// registry, which needs the CPU, than from bare Kestrel). Sleeping makes sends up to about a
/// millisecond late, and that lateness is in every latency reported (never subtracted). Latencies go into an HdrHistogram (microseconds, three
/// significant digits), as wrk2 and HdrHistogram's own tools record them.
/// </remarks>
internal static class OpenLoad
{
    public static async Task<OpenLoadResult> RunAsync(string name, Uri baseAddress, Func<int, HttpRequestMessage> request, double rate, TimeSpan duration, int connections)
    {
        if (!IPAddress.IsLoopback(IPAddress.Parse(baseAddress.Host)))
        {
            throw new ArgumentException("the load generator only targets loopback addresses", nameof(baseAddress));
        }

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseProxy = false };
        using var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };

        // Warm the connections up (not recorded): a short run at the same rate.
        await Schedule(client, request, rate, TimeSpan.FromSeconds(Math.Min(2, duration.TotalSeconds / 4)), null);
        var histogram = new LongHistogram(60_000_000L, 3);
        var (sent, errors, late, elapsed) = await Schedule(client, request, rate, duration, histogram);
        double Ms(long micros) => micros / 1000.0;
        return new OpenLoadResult(name, rate, sent, errors, elapsed,
            Ms(histogram.GetValueAtPercentile(50)), Ms(histogram.GetValueAtPercentile(99)), Ms(histogram.GetValueAtPercentile(99.9)), Ms(histogram.GetMaxValue()), late);
    }

    private static async Task<(long Sent, long Errors, long Late, TimeSpan Elapsed)> Schedule(HttpClient client, Func<int, HttpRequestMessage> request, double rate, TimeSpan duration, LongHistogram? histogram)
    {
        var total = (long)(rate * duration.TotalSeconds);
        var interval = Stopwatch.Frequency / rate;
        long errors = 0, late = 0;
        var pending = new List<Task>((int)Math.Min(total, 1_000_000));
        var gate = new object();
        var origin = Stopwatch.GetTimestamp();

        async Task Send(int i, long intended)
        {
            try
            {
                using var message = request(i);
                using var response = await client.SendAsync(message, HttpCompletionOption.ResponseContentRead).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref errors);
            }

            var micros = (Stopwatch.GetTimestamp() - intended) * 1_000_000 / Stopwatch.Frequency;
            if (histogram is not null)
            {
                lock (gate)
                {
                    histogram.RecordValue(Math.Clamp(micros, 1, histogram.HighestTrackableValue));
                }
            }
        }

        var thread = new Thread(() =>
        {
            for (var i = 0L; i < total; i++)
            {
                var intended = origin + (long)(i * interval);
                while (true)
                {
                    var ahead = intended - Stopwatch.GetTimestamp();
                    if (ahead <= 0)
                    {
                        break;
                    }

                    if (ahead > Stopwatch.Frequency / 10_000)
                    {
                        Thread.Sleep(1);
                    }
                    else
                    {
                        Thread.SpinWait(20);
                    }
                }

                if (Stopwatch.GetTimestamp() - intended > Stopwatch.Frequency / 1000)
                {
                    late++;
                }

                var index = (int)i;
                pending.Add(Task.Run(() => Send(index, intended)));
            }
        }) { IsBackground = true, Name = "open-loop-schedule" };
        thread.Start();
        await Task.Run(thread.Join);
        await Task.WhenAll(pending);
        return (total, errors, late, TimeSpan.FromTicks((long)(total * interval * TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
    }
}
