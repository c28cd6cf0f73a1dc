using System.Text;
using Credence.Registry;
using Credence.Registry.Policies;
using Credence.Registry.Public;

namespace Credence.App.Http;

/// <summary>Public lookups, without a key (and still logged).</summary>
internal static class PublicEndpoints
{
    /// <summary>The header that carries a served policy text's digest (<c>sha256:</c> and hex).</summary>
    public const string PolicyDigestHeader = "Credence-Policy-Digest";

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

        group.MapGet("/policies", async (HttpContext context, CredenceRegistry registry) => ApiResults.Json(await registry.Public.PoliciesAsync(context.RequestAborted)))
            .Operation("listPublishedPolicies", "Policies in force, past and present", "Every policy version that has been in force: tag, digest of its exact text (recorded in the ledger at upload), the periods it governed, and where its text is.")
            .Produces<IReadOnlyList<PublishedPolicy>>();

        group.MapGet("/policies/{id}/{version}", async (HttpContext context, CredenceRegistry registry, string id, string version) =>
        {
            var text = await registry.Public.PolicyTextAsync(id, version, context.RequestAborted);
            if (!text.IsOk)
            {
                return ApiProblems.Result(context, text);
            }

            context.Response.Headers[PolicyDigestHeader] = text.Value.Policy.Digest;
            // The bytes whose digest the header names: the text as uploaded, UTF-8, no byte-order mark.
            return Results.Bytes(Encoding.UTF8.GetBytes(text.Value.Yaml), "text/yaml; charset=utf-8");
        })
        .Operation("readPublishedPolicy", "A published policy's exact text", "The exact text of a policy version that has been in force (text/yaml), with the SHA-256 digest of its bytes in the `Credence-Policy-Digest` header; a version never in force is `not-found`.", 404)
        .Produces<string>(StatusCodes.Status200OK, "text/yaml");
    }
}
