using System.Collections.Immutable;
using Credence.Registry.Access;
using Microsoft.AspNetCore.Authorization;

namespace Credence.App.Http;

/// <summary>
/// What an endpoint does in the access log's words (<see cref="Action"/>, e.g. <c>key.create</c>) and
/// which roles' keys may ask for it. The bearer-key handler authenticates with it, the authorisation
/// policy of the same roles lets the request through or refuses it (logged, 403), and the OpenAPI
/// document states the security requirement from it.
/// </summary>
/// <param name="Action">The access log's name for what the request does.</param>
/// <param name="Roles">The roles whose keys may ask; the use case may refuse further (another subject's file, a record type the source is not registered for).</param>
/// <param name="SubjectParameter">The route value naming the subject concerned, logged with a refusal.</param>
internal sealed record ApiAccess(string Action, ImmutableArray<Role> Roles, string? SubjectParameter = null)
{
    /// <summary>The role names, in role order, as the policy requires them and the document lists them.</summary>
    public IReadOnlyList<string> RoleNames => [.. Roles.Order().Select(Credence.Registry.Access.Roles.NameOf)];
}

/// <summary>Declares who may call an endpoint, in one line: <c>.Allow("key.create", Role.Operator)</c>.</summary>
internal static class ApiAccessExtensions
{
    /// <summary>
    /// Requires a bearer key of one of <paramref name="roles"/> for <paramref name="action"/>: the
    /// request is authenticated by <see cref="BearerKeyHandler"/> and authorised by the policy of
    /// those roles before the endpoint runs, and the endpoint reads the caller with <see cref="Caller"/>.
    /// </summary>
    public static TBuilder Allow<TBuilder>(this TBuilder builder, string action, params Role[] roles)
        where TBuilder : IEndpointConventionBuilder =>
        builder.Allow(new ApiAccess(action, [.. roles]));

    /// <summary>As <see cref="Allow{TBuilder}(TBuilder, string, Role[])"/>, with the route value that names the subject concerned.</summary>
    public static TBuilder AllowAbout<TBuilder>(this TBuilder builder, string action, string subjectParameter, params Role[] roles)
        where TBuilder : IEndpointConventionBuilder =>
        builder.Allow(new ApiAccess(action, [.. roles], subjectParameter));

    /// <summary>The authenticated caller of an endpoint declared with <c>Allow</c>.</summary>
    public static Credence.Registry.Access.Principal Caller(this HttpContext context) =>
        context.Features.Get<ApiCaller>()?.Principal ?? throw new InvalidOperationException($"{context.Request.Path} has no authenticated caller: declare it with Allow(...)");

    private static TBuilder Allow<TBuilder>(this TBuilder builder, ApiAccess access)
        where TBuilder : IEndpointConventionBuilder
    {
        if (access.Roles.IsDefaultOrEmpty)
        {
            throw new ArgumentException("an endpoint that needs a key names the roles that may call it", nameof(access));
        }

        builder.WithMetadata(access);
        return builder.RequireAuthorization(ApiPolicies.For(access.Roles));
    }
}

/// <summary>The authorisation policies: one per set of roles, each authenticating with the bearer-key scheme.</summary>
internal static class ApiPolicies
{
    /// <summary>The policy name of a set of roles: the role names joined with <c>+</c> (<c>operator</c>, <c>operator+auditor</c>).</summary>
    public static string For(IEnumerable<Role> roles) => string.Join('+', roles.Distinct().Order().Select(Roles.NameOf));

    /// <summary>The policy a name stands for: an authenticated bearer key whose role is one of the named ones.</summary>
    public static AuthorizationPolicy? Build(string name)
    {
        var names = name.Split('+');
        if (names.Any(n => !Roles.TryParse(n, out _)))
        {
            return null;
        }

        return new AuthorizationPolicyBuilder(BearerKeyHandler.SchemeName).RequireAuthenticatedUser().RequireRole(names).Build();
    }
}

/// <summary>The caller the bearer-key handler authenticated, for the endpoint.</summary>
internal sealed record ApiCaller(Credence.Registry.Access.Principal Principal);

/// <summary>Why authentication failed (unauthorised, or too many failures from the client), for the answer.</summary>
internal sealed record ApiAuthenticationFailure(Credence.Registry.RegistryProblem Problem, TimeSpan? RetryAfter);
