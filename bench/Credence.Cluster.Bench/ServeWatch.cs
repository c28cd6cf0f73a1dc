using System.Globalization;

namespace Credence.Cluster.Bench;

/// <summary>
/// Watches a serve process during a phase: its resident memory every 200 ms (the phase's own peak, not the
/// process's since it started) and its active subject grains every second (<c>credence_subject_grains_active</c>
/// at <c>/metrics</c>, the silo's own count).
/// </summary>
internal sealed class ServeWatch : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private long peak;
    private long grains = -1;
    private long maxGrains = -1;

    private ServeWatch(SiloProcess silo) => loop = Task.Run(() => WatchAsync(silo));

    /// <summary>The largest resident memory seen in the phase, in bytes.</summary>
    public long PeakResident => Interlocked.Read(ref peak);

    /// <summary>The active subject grains at the last reading, and the most seen (-1 when /metrics does not say).</summary>
    public (long Last, long Most) Grains => (Interlocked.Read(ref grains), Interlocked.Read(ref maxGrains));

    public static ServeWatch Start(SiloProcess silo) => new(silo);

    /// <summary>The active subject grains the serve process reports now, or -1.</summary>
    public static async Task<long> ActiveGrainsAsync(HttpClient client)
    {
        try
        {
            var text = await client.GetStringAsync(new Uri("metrics", UriKind.Relative));
            var line = text.Split('\n').FirstOrDefault(l => l.StartsWith("credence_subject_grains_active", StringComparison.Ordinal));
            return line is null ? -1 : (long)double.Parse(line.Split(' ')[^1], CultureInfo.InvariantCulture);
        }
        catch (HttpRequestException)
        {
            return -1;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
    }

    private async Task WatchAsync(SiloProcess silo)
    {
        using var client = new HttpClient { BaseAddress = silo.Address, Timeout = TimeSpan.FromSeconds(5) };
        var tick = 0;
        while (!stop.IsCancellationRequested)
        {
            var resident = silo.Memory().Resident;
            if (resident > Interlocked.Read(ref peak))
            {
                Interlocked.Exchange(ref peak, resident);
            }

            if (tick++ % 5 == 0)
            {
                var now = await ActiveGrainsAsync(client);
                Interlocked.Exchange(ref grains, now);
                if (now > Interlocked.Read(ref maxGrains))
                {
                    Interlocked.Exchange(ref maxGrains, now);
                }
            }

            try
            {
                await Task.Delay(200, stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
