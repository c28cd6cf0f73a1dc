using System.Security.Claims;
using System.Text.Encodings.Web;
using Credence.Registry;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Credence.App.Http;

/// <summary>
/// The <c>Bearer</c> scheme: authenticates an API key (<c>Authorization: Bearer cred_...</c>) through
/// the registry's use case, which logs every refusal with the endpoint's action. It runs only for
/// endpoints that need a key (<see cref="ApiAccess"/>): a public lookup never reads the header.
/// </summary>
/// <remarks>
/// Implementation note: a client (a network address) that failed authentication more often than
/// <see cref="ApiRateLimits.AuthFailureLimit"/> in the window is answered 429 before its key is
/// read, whatever the key; failures are counted per client, never per key, so a client sending
/// wrong keys never locks out a valid key used from elsewhere.
/// </remarks>
internal sealed class BearerKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    CredenceRegistry registry,
    AuthFailureLimiter failures)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Context.GetEndpoint()?.Metadata.GetMetadata<ApiAccess>() is not { } access)
        {
            return AuthenticateResult.NoResult();
        }

        var client = ClientAddress.Of(Context);
        if (failures.Blocked(client) is { } blocked)
        {
            return Failed(blocked);
        }

        var header = Request.Headers.Authorization.ToString();
        var subject = access.SubjectParameter is { } name ? Context.GetRouteValue(name)?.ToString() : null;
        ClientWindowLimiter.Refusal? limited = null;
        var outcome = await registry.Principals.AuthenticateAsync(header.Length > 0 ? header : null, access.Action, subject, () =>
        {
            limited = failures.Charge(client);
            return limited?.Problem;
        }, Context.RequestAborted).ConfigureAwait(false);
        if (!outcome.IsOk)
        {
            return Failed(limited ?? new ClientWindowLimiter.Refusal(outcome.Problem!, null));
        }

        var principal = outcome.Value;
        Context.Features.Set(new ApiCaller(principal));
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, principal.Name), new Claim(ClaimTypes.Role, principal.RoleName)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private AuthenticateResult Failed(ClientWindowLimiter.Refusal refusal)
    {
        Context.Features.Set(new ApiAuthenticationFailure(refusal.Problem, refusal.RetryAfter));
        return AuthenticateResult.Fail(refusal.Problem.Detail);
    }
}
