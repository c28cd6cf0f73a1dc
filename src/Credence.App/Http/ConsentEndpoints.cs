using Credence.App.Http.Documents;
using Credence.Registry;
using Credence.Registry.Access;
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
            var view = await registry.Consent.ReadAsync(context.Caller(), context.RequestAborted);
            return view.IsOk ? ApiResults.Json(ConsentDocument.From(view.Value)) : ApiProblems.Result(context, view);
        })
        .Operation("getConsent", "Your consent to scoring", "The subject's consent to scoring, what it means under the policy in force, and its history.", 409, 422)
        .Allow("consent.read", Role.Subject)
        .Produces<ConsentDocument>();

        group.MapPut("/consent", async (HttpContext context, CredenceRegistry registry) =>
        {
            var request = await ApiBodies.JsonAsync<ConsentRequest>(context, options);
            var view = !request.IsOk ? Outcome.Fail<ConsentView>(request.Problem!)
                : request.Value.Given is not { } given ? Outcome.Fail<ConsentView>(new RegistryProblem(ProblemTypes.MissingField, "field 'given' (true or false) is required", "given"))
                : await registry.Consent.SetAsync(context.Caller(), given, context.RequestAborted);
            return view.IsOk ? ApiResults.Json(ConsentDocument.From(view.Value)) : ApiProblems.Result(context, view);
        })
        .WithJsonBody<ConsentRequest>()
        .Operation("setConsent", "Give or withdraw consent", "Give (`{\"given\": true}`) or withdraw (`{\"given\": false}`) consent to scoring; the subject is re-scored at once and the change is logged.", 409, 422)
        .Allow("consent.change", Role.Subject)
        .Produces<ConsentDocument>();
    }
}
