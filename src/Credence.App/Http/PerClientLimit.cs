namespace Credence.App.Http;

/// <summary>Endpoint metadata: the endpoint is under the per-client limit on anonymous requests (<see cref="ApiRateLimiting"/>).</summary>
internal sealed class PerClientLimit
{
    public static readonly PerClientLimit Instance = new();

    private PerClientLimit()
    {
    }
}
