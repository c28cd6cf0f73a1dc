using System.Globalization;
using Credence.Registry;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Credence.App.Http;

/// <summary>
/// Answers a request the authorisation policy refused, as a problem detail: 401 (or 429 for a
/// client over its failure limit) when the key did not authenticate, 403 when a valid key's role may
/// not do this. The 401 was logged by the authentication use case; the 403 is refused and logged by
/// the registry's own role rule (<see cref="Credence.Registry.Access.AccessRecorder.RequireAsync"/>).
/// </summary>
internal sealed class ApiAuthorizationResults(CredenceRegistry registry, ILoggerFactory loggerFactory) : IAuthorizationMiddlewareResultHandler
{
    private readonly ILogger logger = loggerFactory.CreateLogger("Credence.Api");

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var access = context.GetEndpoint()?.Metadata.GetMetadata<ApiAccess>();
        if (context.Features.Get<ApiCaller>() is not { } caller || access is null)
        {
            var failure = context.Features.Get<ApiAuthenticationFailure>()
                ?? new ApiAuthenticationFailure(new RegistryProblem(ProblemTypes.Unauthorized, "this operation needs an API key; send Authorization: Bearer <key>"), null);
            if (failure.RetryAfter is { } after)
            {
                var seconds = (long)Math.Ceiling(after.TotalSeconds);
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                ApiLog.Limited(logger, ClientAddress.Of(context), "authentication failures", context.Request.Method, context.Request.Path.Value ?? string.Empty, seconds);
            }

            await ApiProblems.WriteAsync(context, failure.Problem).ConfigureAwait(false);
            return;
        }

        var subject = access.SubjectParameter is { } name ? context.GetRouteValue(name)?.ToString() : null;
        var refused = await registry.Access.RequireAsync(caller.Principal, access.Action, subject, context.RequestAborted, [.. access.Roles]).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"the policy refused {caller.Principal.RoleName} for {access.Action}, which the registry's role rule allows");
        await ApiProblems.WriteAsync(context, refused).ConfigureAwait(false);
    }
}
