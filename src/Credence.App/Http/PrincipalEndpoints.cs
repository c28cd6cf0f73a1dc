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
            var who = await ApiAuth.PrincipalAsync(context, registry, "key.create");
            if (!who.IsOk)
            {
                return ApiProblems.Result(context, who);
            }

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

            var issued = await registry.Principals.CreateKeyAsync(who.Value, new PrincipalRegistration(role, r.Name ?? string.Empty, r.RecordTypes, r.Capabilities, r.Purpose, r.Subject), context.RequestAborted);
            return issued.IsOk ? ApiResults.Json(IssuedKeyDocument.From(issued.Value), StatusCodes.Status201Created) : ApiProblems.Result(context, issued);
        })
        .WithJsonBody<PrincipalRequest>()
        .WithSummary("Register a principal and issue a key (shown once); operator only")
        .Produces<IssuedKeyDocument>(StatusCodes.Status201Created)
        .ProducesProblem(StatusCodes.Status400BadRequest);

        group.MapGet("/principals", async (HttpContext context, CredenceRegistry registry) =>
        {
            var who = await ApiAuth.PrincipalAsync(context, registry, "principal.list");
            var list = who.IsOk ? await registry.Principals.ListAsync(who.Value, context.RequestAborted) : Outcome.Fail<IReadOnlyList<Registry.Storage.PrincipalListing>>(who.Problem!);
            return list.IsOk ? ApiResults.Json(list.Value.Select(p => PrincipalDocument.From(p.Principal, p.Keys)).ToList()) : ApiProblems.Result(context, list);
        })
        .WithSummary("Every principal with its keys' ids and dates; operator only")
        .Produces<List<PrincipalDocument>>();

        group.MapDelete("/keys/{id:long}", async (HttpContext context, CredenceRegistry registry, long id) =>
        {
            var who = await ApiAuth.PrincipalAsync(context, registry, "key.revoke");
            var revoked = who.IsOk ? await registry.Principals.RevokeKeyAsync(who.Value, id, context.RequestAborted) : Outcome.Fail<long>(who.Problem!);
            return revoked.IsOk ? Results.NoContent() : ApiProblems.Result(context, revoked);
        })
        .WithSummary("Revoke a key; operator only")
        .Produces(StatusCodes.Status204NoContent);
    }
}
