using Credence.App.Http.Documents;
using Credence.Registry;
using Credence.Registry.Access;
using Credence.Registry.Principals;

namespace Credence.App.Http;

/// <summary>The operator's API for principals and keys.</summary>
internal static class PrincipalEndpoints
{
    public static void Map(IEndpointRouteBuilder app, RegistryServerOptions options)
    {
        var group = app.MapGroup("/v1").WithTags("principals and keys");

        group.MapPost("/principals", async (HttpContext context, CredenceRegistry registry) =>
        {
            var request = await ApiBodies.JsonAsync<PrincipalRequest>(context, options);
            if (!request.IsOk)
            {
                return ApiProblems.Result(context, request);
            }

            var r = request.Value;
            if (!Roles.TryParse(r.Role, out var role))
            {
                return ApiProblems.Result(context, new RegistryProblem(ProblemTypes.BadValue, $"role '{r.Role}' is not one of {string.Join(", ", Roles.AllNames)}", "role"));
            }

            var issued = await registry.Principals.CreateKeyAsync(context.Caller(), new PrincipalRegistration(role, r.Name ?? string.Empty, r.RecordTypes, r.Capabilities, r.Purpose, r.Subject), context.RequestAborted);
            return issued.IsOk ? ApiResults.Json(IssuedKeyDocument.From(issued.Value), StatusCodes.Status201Created) : ApiProblems.Result(context, issued);
        })
        .WithJsonBody<PrincipalRequest>()
        .Operation("createPrincipal", "Register a principal and issue a key", "Registers a principal (its role, name and what it is registered for) and issues an API key, shown once; the same registration again issues another key for it.", 409, 422)
        .Allow("key.create", Role.Operator)
        .Produces<IssuedKeyDocument>(StatusCodes.Status201Created);

        group.MapGet("/principals", async (HttpContext context, CredenceRegistry registry) =>
        {
            var list = await registry.Principals.ListAsync(context.Caller(), context.RequestAborted);
            return list.IsOk ? ApiResults.Json(list.Value.Select(p => PrincipalDocument.From(p.Principal, p.Keys)).ToList()) : ApiProblems.Result(context, list);
        })
        .Operation("listPrincipals", "Every principal", "Every principal with its keys' ids and dates (never the keys).")
        .Allow("principal.list", Role.Operator)
        .Produces<List<PrincipalDocument>>();

        group.MapDelete("/keys/{id:long}", async (HttpContext context, CredenceRegistry registry, long id) =>
        {
            var revoked = await registry.Principals.RevokeKeyAsync(context.Caller(), id, context.RequestAborted);
            return revoked.IsOk ? Results.NoContent() : ApiProblems.Result(context, revoked);
        })
        .Operation("revokeKey", "Revoke a key", "Revokes an API key; it stops working at once.", 404)
        .Allow("key.revoke", Role.Operator)
        .Produces(StatusCodes.Status204NoContent);
    }
}
