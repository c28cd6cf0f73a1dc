using Credence.Registry;
using Credence.Registry.Public;

namespace Credence.App.Http;

/// <summary>Public lookups, without a key (and still logged).</summary>
internal static class PublicEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/public").WithTags("public").LimitedPerClient();

        group.MapGet("/organisations/{code}", async (HttpContext context, CredenceRegistry registry, string code) =>
        {
            var profile = await registry.Public.OrganisationAsync(code, context.RequestAborted);
            return profile.IsOk ? ApiResults.Json(profile.Value) : ApiProblems.Result(context, profile);
        })
        .Operation("lookUpOrganisation", "An organisation's grade", "An organisation's grade and published listings, by its Unified Social Credit Code; a person's identifier is refused as `not-public`.", 404, 409, 422)
        .Produces<OrganisationProfile>();

        group.MapGet("/lists/{list}", async (HttpContext context, CredenceRegistry registry, string list, int? page, int? pageSize) =>
        {
            var members = await registry.Public.ListAsync(list, page ?? 1, pageSize ?? 100, context.RequestAborted);
            return members.IsOk ? ApiResults.Json(members.Value) : ApiProblems.Result(context, members);
        })
        .Operation("readPublicList", "A published list", "A page (`page`, `pageSize`) of a list the active policy publishes, in a stable order.", 404, 409)
        .Produces<PublicList>();
    }
}
