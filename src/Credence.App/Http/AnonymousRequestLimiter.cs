namespace Credence.App.Http;

/// <summary>
/// The per-client limit on anonymous requests (<see cref="ApiRateLimits.PublicPermitLimit"/> in
/// <see cref="ApiRateLimits.PublicWindow"/>), for the endpoints marked <see cref="ApiRateLimiting.LimitedPerClient{TBuilder}"/>.
/// </summary>
internal sealed class AnonymousRequestLimiter(ApiRateLimits limits) : IDisposable
{
    private readonly ClientWindowLimiter window = new(limits.PublicPermitLimit, limits.PublicWindow, "anonymous requests");

    /// <summary>Counts one request of the client; the refusal when that was one too many.</summary>
    public ClientWindowLimiter.Refusal? Charge(string client) => window.Acquire(client, 1);

    public void Dispose() => window.Dispose();
}
