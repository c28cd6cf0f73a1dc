using Credence.App.Http.Documents;
using Credence.Registry;
using Credence.Registry.Consent;

namespace Credence.App.Http;

/// <summary>
/// A subject's consent to scoring: <c>GET /v1/me/consent</c> and <c>PUT /v1/me/consent</c> with
/// <c>{"given": true|false}</c>, subject keys only.
/// </summary>
/// <remarks>
/// Implementation note: one PUT with the wanted state rather than POST to give and DELETE to
/// withdraw: the request is idempotent (the same body twice changes the consent once), which PUT
/// says, and the body is explicit about which way the subject decides.
/// </remarks>
internal static class ConsentEndpoints
{
    public static void Map(IEndpointRouteBuilder app, RegistryServerOptions options)
    {
        var group = app.MapGroup("/v1/me").WithTags("consent");

        group.MapGet("/consent", async (HttpContext context, CredenceRegistry registry) =>
        {
            var who = await ApiAuth.PrincipalAsync(context, registry, "consent.read");
            var view = who.IsOk ? await registry.Consent.ReadAsync(who.Value, context.RequestAborted) : Outcome.Fail<ConsentView>(who.Problem!);
            return view.IsOk ? ApiResults.Json(ConsentDocument.From(view.Value)) : ApiProblems.Result(context, view);
        })
        .WithSummary("The subject's consent to scoring, what it means under the policy in force, and its history; subject keys only")
        .Produces<ConsentDocument>();

        group.MapPut("/consent", async (HttpContext context, CredenceRegistry registry) =>
        {
            var who = await ApiAuth.PrincipalAsync(context, registry, "consent.change");
            if (!who.IsOk)
            {
                return ApiProblems.Result(context, who);
            }

            var request = await ApiBodies.JsonAsync<ConsentRequest>(context, options);
            var view = !request.IsOk ? Outcome.Fail<ConsentView>(request.Problem!)
                : request.Value.Given is not { } given ? Outcome.Fail<ConsentView>(new RegistryProblem(ProblemTypes.MissingField, "field 'given' (true or false) is required", "given"))
                : await registry.Consent.SetAsync(who.Value, given, context.RequestAborted);
            return view.IsOk ? ApiResults.Json(ConsentDocument.From(view.Value)) : ApiProblems.Result(context, view);
        })
        .WithJsonBody<ConsentRequest>()
        .WithSummary("Give ({\"given\": true}) or withdraw ({\"given\": false}) consent to scoring; the subject is re-scored at once; subject keys only")
        .Produces<ConsentDocument>()
        .ProducesProblem(StatusCodes.Status400BadRequest);
    }
}
