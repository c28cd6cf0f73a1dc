using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Credence.Demo;
using Credence.Load;

namespace Credence.Cluster.Bench;

/// <summary>One source's batches as NDJSON bodies, made once, sent to every server under test.</summary>
internal sealed record SourceBatches(string SourceId, string Key, IReadOnlyList<(byte[] Body, int Lines)> Batches);

/// <summary>What an intake run over HTTP measured.</summary>
internal sealed record IntakeResult(string Name, long Lines, long Accepted, long FailedBatches, TimeSpan Elapsed, TimeSpan? ServerCpu, TimeSpan? DatabaseCpu, TimeSpan MachineCpu)
{
    public double PerSecond => Lines / Elapsed.TotalSeconds;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name}: {PerSecond:N0} records/s ({Lines:N0} lines in {Elapsed.TotalSeconds:F1} s, {Accepted:N0} accepted, {FailedBatches} batches failed){(ServerCpu is { } c && Lines > 0 ? $", servers {c.TotalMicroseconds / Lines:F0} µs of CPU a record" : "")}{(DatabaseCpu is { } d && Lines > 0 ? $", database {d.TotalMicroseconds / Lines:F0} µs" : "")}, machine {MachineCpu.TotalMicroseconds / Math.Max(1, Lines):F0} µs a record");
}

/// <summary>
/// Batched intake over HTTP (<c>POST /v1/records/batch</c>, NDJSON) from every city source at once,
/// each source's batches one after another in its own order (a correction after the version it
/// revises), batch <c>j</c> of source <c>s</c> to server <c>(s + j) mod n</c>: the load of the
/// sources spread round-robin over the servers. The first batches of every source are sent as a
/// warm-up (not measured), the rest measured.
/// </summary>
internal static class HttpIntake
{
    private static readonly JsonSerializerOptions Wire = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The city's records as NDJSON batches of at most <paramref name="lines"/> lines per source.</summary>
    public static IReadOnlyList<SourceBatches> Prepare(City city, IReadOnlyDictionary<string, string> keys, int lines)
    {
        var result = new List<SourceBatches>();
        foreach (var group in city.Records().GroupBy(r => r.SourceId))
        {
            var batches = group.Chunk(lines)
                .Select(chunk => (Encoding.UTF8.GetBytes(string.Join('\n', chunk.Select(r => JsonSerializer.Serialize(r.Line, Wire))) + "\n"), chunk.Length))
                .ToList();
            result.Add(new SourceBatches(group.Key, keys[group.Key], batches));
        }

        return result;
    }

    public static async Task<IntakeResult> RunAsync(string name, IReadOnlyList<Uri> endpoints, IReadOnlyList<SourceBatches> sources, double warmupShare, Func<TimeSpan>? serverCpu = null, Func<TimeSpan>? databaseCpu = null)
    {
        if (endpoints.Any(e => !IPAddress.IsLoopback(IPAddress.Parse(e.Host))))
        {
            throw new ArgumentException("intake only targets loopback addresses", nameof(endpoints));
        }

        using var handler = new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseProxy = false };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(10) };
        int Warm(SourceBatches s) => (int)Math.Ceiling(s.Batches.Count * warmupShare);
        await Send(client, endpoints, sources, s => (0, Warm(s)));
        var cpu = serverCpu?.Invoke();
        var database = databaseCpu?.Invoke();
        var machine = MachineCpu.Busy();
        var clock = Stopwatch.StartNew();
        var (lines, accepted, failed) = await Send(client, endpoints, sources, s => (Warm(s), s.Batches.Count));
        clock.Stop();
        return new IntakeResult(name, lines, accepted, failed, clock.Elapsed, serverCpu?.Invoke() - cpu, databaseCpu?.Invoke() - database, MachineCpu.Busy() - machine);
    }

    private static async Task<(long Lines, long Accepted, long Failed)> Send(HttpClient client, IReadOnlyList<Uri> endpoints, IReadOnlyList<SourceBatches> sources, Func<SourceBatches, (int From, int To)> range)
    {
        long lines = 0, accepted = 0, failed = 0;
        await Task.WhenAll(sources.Select((source, s) => Task.Run(async () =>
        {
            var (from, to) = range(source);
            for (var j = from; j < to; j++)
            {
                var (body, count) = source.Batches[j];
                using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoints[(s + j) % endpoints.Count], "/v1/records/batch"))
                {
                    Content = new ByteArrayContent(body),
                };
                message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", source.Key);
                using var response = await client.SendAsync(message, HttpCompletionOption.ResponseContentRead);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failed);
                    continue;
                }

                using var answer = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
                Interlocked.Add(ref accepted, answer.RootElement.GetProperty("accepted").GetInt64());
                Interlocked.Add(ref lines, count);
            }
        })));
        return (lines, accepted, failed);
    }
}
