using Credence.Portal.Security;
using Credence.Registry.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components;

namespace Credence.Portal;

/// <summary>
/// The signed-in principal of this request, if any: the same <see cref="Principal"/> the API's
/// bearer-key handler produces for the same key, so every use case applies the same authorisation.
/// Pages pass <see cref="Principal"/> to the use cases; they never decide access themselves beyond
/// sending a visitor who is not signed in to the sign-in page.
/// </summary>
public sealed class PortalSession(IHttpContextAccessor http, NavigationManager navigation)
{
    private Principal? caller;
    private bool resolved;

    /// <summary>The signed-in principal, or null.</summary>
    public async Task<Principal?> CallerAsync()
    {
        if (!resolved)
        {
            var context = http.HttpContext ?? throw new InvalidOperationException("the portal renders on the server only");
            var result = await context.AuthenticateAsync(PortalAuth.CookieScheme).ConfigureAwait(false);
            caller = result.Succeeded ? context.Features.Get<PortalCaller>()?.Principal : null;
            resolved = true;
        }

        return caller;
    }

    /// <summary>
    /// The signed-in principal; a visitor who is not signed in is sent to the sign-in page, which
    /// brings them back here. Which roles may do what is the use case's rule: a page calls it with
    /// the principal and shows its refusal.
    /// </summary>
    public async Task<Principal> RequireAsync()
    {
        if (await CallerAsync().ConfigureAwait(false) is { } principal)
        {
            return principal;
        }

        var back = "/" + navigation.ToBaseRelativePath(navigation.Uri);
        navigation.NavigateTo("sign-in?returnUrl=" + Uri.EscapeDataString(back));
        throw new InvalidOperationException("unreachable: navigation ends the request");
    }
}
