using System.Diagnostics;
using System.Net;

namespace Credence.Load;

/// <summary>
/// A closed-loop load generator on loopback: <c>concurrency</c> workers each send a request, wait
/// for the answer, and send the next, for a bounded time and a bounded count. It never targets
/// anything but the URL it is given, which the caller makes a 127.0.0.1 address.
/// </summary>
internal static class LoadGenerator
{
    public static async Task<LoadResult> RunAsync(string name, Uri baseAddress, Func<int, HttpRequestMessage> request, int concurrency, TimeSpan duration, long maxRequests, TimeSpan warmup)
    {
        if (!IPAddress.IsLoopback(IPAddress.Parse(baseAddress.Host)))
        {
            throw new ArgumentException("the load generator only targets loopback addresses", nameof(baseAddress));
        }

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseProxy = false };
        using var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        await Phase(client, request, concurrency, warmup, maxRequests, null);
        var latencies = new List<long>[concurrency];
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var (count, errors, elapsed) = await Phase(client, request, concurrency, duration, maxRequests, latencies);
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
        return new LoadResult(name, count, errors, elapsed,
            all.Length == 0 ? 0 : Ms(all[(int)(all.Length * 0.50)]),
            all.Length == 0 ? 0 : Ms(all[Math.Min(all.Length - 1, (int)(all.Length * 0.99))]),
            all.Length == 0 ? 0 : Ms(all[^1]),
            cpu);
    }

    private static async Task<(long Count, long Errors, TimeSpan Elapsed)> Phase(HttpClient client, Func<int, HttpRequestMessage> request, int concurrency, TimeSpan duration, long maxRequests, List<long>[]? latencies)
    {
        long count = 0, errors = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var mine = new List<long>(4096);
            if (latencies is not null)
            {
                latencies[w] = mine;
            }

            var i = w;
            while (clock.Elapsed < duration && Interlocked.Increment(ref count) <= maxRequests)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var message = request(i);
                    using var response = await client.SendAsync(message, HttpCompletionOption.ResponseContentRead);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }

                mine.Add(Stopwatch.GetTimestamp() - start);
                i += concurrency;
            }
        })).ToArray();
        await Task.WhenAll(workers);
        return (Math.Min(count, maxRequests) - 0, errors, clock.Elapsed);
    }
}
