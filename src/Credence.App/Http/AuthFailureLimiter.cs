namespace Credence.App.Http;

/// <summary>
/// Counts failed authentications per client (<see cref="ClientAddress"/>) in a fixed window and
/// refuses a client that is over its limit (<see cref="ApiRateLimits.AuthFailureLimit"/>).
/// </summary>
/// <remarks>
/// Implementation note: asked in two ways: with 0 permits before a key is read (is this client still
/// allowed to try?), and with 1 permit when a key is refused (count the failure). The charge happens
/// inside the use case at the moment the key is found wrong, so that wrong keys sent at once are
/// counted one by one.
/// </remarks>
internal sealed class AuthFailureLimiter(ApiRateLimits limits) : IDisposable
{
    private readonly ClientWindowLimiter window = new(limits.AuthFailureLimit, limits.AuthFailureWindow, "failed authentications");

    /// <summary>The refusal for a client that used up its failures, or null while it may still try.</summary>
    public ClientWindowLimiter.Refusal? Blocked(string client) => window.Acquire(client, 0);

    /// <summary>Counts one failure of the client; the refusal when that was one too many.</summary>
    public ClientWindowLimiter.Refusal? Charge(string client) => window.Acquire(client, 1);

    public void Dispose() => window.Dispose();
}
