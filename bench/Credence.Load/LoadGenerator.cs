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
    public static Task<LoadResult> RunAsync(string name, Uri baseAddress, Func<int, HttpRequestMessage> request, int concurrency, TimeSpan duration, long maxRequests, TimeSpan warmup) =>
        RunAsync(name, [baseAddress], request, concurrency, duration, maxRequests, warmup);

    /// <summary>
    /// The same closed loop spread over several servers: request <c>i</c> goes to
    /// <c>endpoints[i % endpoints.Count]</c> (its relative URI resolved against that base), so every
    /// server gets the same share whatever the concurrency. <paramref name="serverCpu"/>, when given, is
    /// read just before and just after the measured window (the warm-up not counted): the processor time
    /// of the servers under test, for <see cref="LoadResult.ServerCpu"/>; <paramref name="databaseCpu"/> likewise
    /// the database server's, for <see cref="LoadResult.DatabaseCpu"/>.
    /// </summary>
    public static async Task<LoadResult> RunAsync(string name, IReadOnlyList<Uri> endpoints, Func<int, HttpRequestMessage> request, int concurrency, TimeSpan duration, long maxRequests, TimeSpan warmup, Func<TimeSpan>? serverCpu = null, Func<TimeSpan>? databaseCpu = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(endpoints.Count);
        if (endpoints.Any(e => !IPAddress.IsLoopback(IPAddress.Parse(e.Host))))
        {
            throw new ArgumentException("the load generator only targets loopback addresses", nameof(endpoints));
        }

        HttpRequestMessage Routed(int i)
        {
            var message = request(i);
            message.RequestUri = new Uri(endpoints[(int)((uint)i % (uint)endpoints.Count)], message.RequestUri!);
            return message;
        }

        // The connection limit is per server, so each server gets up to all the workers' connections.
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseProxy = false };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        await Phase(client, Routed, concurrency, warmup, maxRequests, null);
        var latencies = new List<long>[concurrency];
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var servers = serverCpu?.Invoke();
        var database = databaseCpu?.Invoke();
        var machine = MachineCpu.Busy();
        var (count, errors, elapsed) = await Phase(client, Routed, concurrency, duration, maxRequests, latencies);
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        machine = MachineCpu.Busy() - machine;
        servers = serverCpu?.Invoke() - servers;
        database = databaseCpu?.Invoke() - database;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
        return new LoadResult(name, count, errors, elapsed,
            all.Length == 0 ? 0 : Ms(all[(int)(all.Length * 0.50)]),
            all.Length == 0 ? 0 : Ms(all[Math.Min(all.Length - 1, (int)(all.Length * 0.99))]),
            all.Length == 0 ? 0 : Ms(all[^1]),
            cpu)
        {
            ServerCpu = servers,
            DatabaseCpu = database,
            MachineCpu = machine,
        };
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
