using Credence.Registry;
using Credence.Registry.Access;
using Microsoft.Net.Http.Headers;

namespace Credence.App.Http;

/// <summary>The principal behind a request's bearer key (the use cases log every refusal).</summary>
internal static class ApiAuth
{
    public static Task<Outcome<Principal>> PrincipalAsync(HttpContext context, CredenceRegistry registry, string action, string? subject = null) =>
        registry.Principals.AuthenticateAsync(context.Request.Headers[HeaderNames.Authorization].ToString() is { Length: > 0 } h ? h : null, action, subject, context.RequestAborted);
}
