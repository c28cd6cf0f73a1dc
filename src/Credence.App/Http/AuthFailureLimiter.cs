using System.Globalization;
using System.Threading.RateLimiting;
using Credence.Registry;

namespace Credence.App.Http;

/// <summary>
/// Counts failed authentications per client (<see cref="ClientAddress"/>) in a fixed window and
/// refuses a client that is over its limit (<see cref="ApiRateLimits.AuthFailureLimit"/>).
/// </summary>
/// <remarks>
/// Implementation note: System.Threading.RateLimiting's partitioned fixed-window limiter, asked in
/// two ways: with 0 permits before a key is read (is this client still allowed to try?), and with
/// 1 permit when a key is refused (count the failure). The charge happens inside the use case at the
/// moment the key is found wrong, so that wrong keys sent at once are counted one by one.
/// </remarks>
internal sealed class AuthFailureLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string>? limiter;
    private readonly ApiRateLimits limits;

    public AuthFailureLimiter(ApiRateLimits limits)
    {
        this.limits = limits;
        if (limits.AuthFailureLimit > 0)
        {
            limiter = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limits.AuthFailureLimit,
                Window = limits.AuthFailureWindow,
                QueueLimit = 0,
            }));
        }
    }

    /// <summary>The refusal for a client that used up its failures, or null while it may still try.</summary>
    public Refusal? Blocked(string client) => Acquire(client, 0);

    /// <summary>Counts one failure of the client; the refusal when that was one too many.</summary>
    public Refusal? Charge(string client) => Acquire(client, 1);

    public void Dispose() => limiter?.Dispose();

    private Refusal? Acquire(string client, int permits)
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

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : limits.AuthFailureWindow;
        var problem = new RegistryProblem(ApiProblemCatalogue.TooManyRequests,
            $"more than {limits.AuthFailureLimit} failed authentications from this client within {Describe(limits.AuthFailureWindow)}; retry after {Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture)} s");
        return new Refusal(problem, retryAfter);
    }

    internal static string Describe(TimeSpan window) =>
        window.TotalMinutes >= 1 && window.Seconds == 0 ? $"{window.TotalMinutes.ToString(CultureInfo.InvariantCulture)} min" : $"{window.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s";

    /// <summary>A refusal with the time after which the client may try again.</summary>
    public sealed record Refusal(RegistryProblem Problem, TimeSpan? RetryAfter);
}
