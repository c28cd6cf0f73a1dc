using System.Security.Claims;
using Credence.Registry;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace Credence.Portal.Security;

/// <summary>
/// Resolves a session cookie to the registry principal on every request, through the use case
/// (a revoked key ends its sessions; the refusal is logged), and turns an OpenID Connect identity
/// into a session of the principal its claim names.
/// </summary>
internal static class SessionEvents
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var registry = context.HttpContext.RequestServices.GetRequiredService<CredenceRegistry>();
        var handle = context.Principal?.FindFirst(PortalAuth.SessionClaim)?.Value;
        var name = context.Principal?.FindFirst(PortalAuth.PrincipalClaim)?.Value;
        Outcome<Credence.Registry.Access.Principal> caller = handle is not null ? await registry.Principals.ResumeSessionAsync(handle, context.HttpContext.RequestAborted).ConfigureAwait(false)
            : name is not null ? await registry.Principals.ResumeFederatedSessionAsync(name, context.HttpContext.RequestAborted).ConfigureAwait(false)
            : new RegistryProblem(ProblemTypes.Unauthorized, "a session without a principal");
        if (!caller.IsOk)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(PortalAuth.CookieScheme).ConfigureAwait(false);
            return;
        }

        context.HttpContext.Features.Set(new PortalCaller(caller.Value));
    }

    public static async Task FederatedAsync(TokenValidatedContext context, PortalOidcOptions options)
    {
        var registry = context.HttpContext.RequestServices.GetRequiredService<CredenceRegistry>();
        var name = context.Principal?.FindFirst(options.PrincipalClaim)?.Value ?? string.Empty;
        var principal = await registry.Principals.OpenFederatedSessionAsync(name, options.DisplayName, context.HttpContext.RequestAborted).ConfigureAwait(false);
        if (!principal.IsOk)
        {
            context.Fail(principal.Problem!.Detail);
            return;
        }

        context.Principal = Session(PortalAuth.PrincipalClaim, principal.Value.Name, principal.Value.Name, principal.Value.RoleName);
    }

    /// <summary>The ticket's identity: one claim that names the principal (or the key's handle), its name and role for display.</summary>
    public static ClaimsPrincipal Session(string claim, string value, string name, string role) =>
        new(new ClaimsIdentity([new Claim(claim, value), new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], PortalAuth.CookieScheme));
}
