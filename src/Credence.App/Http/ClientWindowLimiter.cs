using System.Globalization;
using System.Threading.RateLimiting;
using Credence.Registry;

namespace Credence.App.Http;

/// <summary>
/// A fixed window of permits per client (<see cref="ClientAddress"/>), refused in words when used up: the
/// limit on failed authentications (<see cref="AuthFailureLimiter"/>) and on anonymous requests
/// (<see cref="AnonymousRequestLimiter"/>). Disposed with the registry's services, which stops its timer.
/// </summary>
/// <remarks>
/// Implementation note: System.Threading.RateLimiting's partitioned fixed-window limiter, asked in two ways:
/// with 0 permits (is this client still allowed?) and with 1 permit (count one more). The limiter runs a
/// timer until it is disposed; one owned by the service container is disposed when the registry stops.
/// </remarks>
internal sealed class ClientWindowLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string>? limiter;
    private readonly int limit;
    private readonly TimeSpan window;
    private readonly string counted;

    /// <param name="limit">Permits per client and window; 0 or less: no limit.</param>
    /// <param name="window">The window's length.</param>
    /// <param name="counted">What the refusal says was counted ("failed authentications").</param>
    public ClientWindowLimiter(int limit, TimeSpan window, string counted)
    {
        this.limit = limit;
        this.window = window;
        this.counted = counted;
        if (limit > 0)
        {
            limiter = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limit,
                Window = window,
                QueueLimit = 0,
            }));
        }
    }

    /// <summary>The refusal when the client has no <paramref name="permits"/> left in its window, or null.</summary>
    public Refusal? Acquire(string client, int permits)
    {
        if (limiter is null)
        {
            return null;
        }

        using var lease = limiter.AttemptAcquire(client, permits);
        if (lease.IsAcquired)
        {
            return null;
        }

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : window;
        var problem = new RegistryProblem(ApiProblemCatalogue.TooManyRequests,
            $"more than {limit} {counted} from this client within {Describe(window)}; retry after {Seconds(retryAfter).ToString(CultureInfo.InvariantCulture)} s");
        return new Refusal(problem, retryAfter);
    }

    public void Dispose() => limiter?.Dispose();

    /// <summary>Whole seconds, rounded up, as <c>Retry-After</c> states them.</summary>
    public static long Seconds(TimeSpan after) => (long)Math.Ceiling(after.TotalSeconds);

    internal static string Describe(TimeSpan window) =>
        window.TotalMinutes >= 1 && window.Seconds == 0 ? $"{window.TotalMinutes.ToString(CultureInfo.InvariantCulture)} min" : $"{window.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s";

    /// <summary>A refusal with the time after which the client may try again.</summary>
    public sealed record Refusal(RegistryProblem Problem, TimeSpan? RetryAfter);
}
