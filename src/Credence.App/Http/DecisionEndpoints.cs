using Credence.App.Http.Documents;
using Credence.Registry;
using Credence.Registry.Access;
using Credence.Registry.Decisions;

namespace Credence.App.Http;

/// <summary>Decisions for relying parties: stored before they are answered; answered by the subject's grain (<see cref="Grains.SubjectGrain"/>).</summary>
internal static class DecisionEndpoints
{
    public static void Map(IEndpointRouteBuilder app, RegistryServerOptions options)
    {
        var group = app.MapGroup("/v1/decisions").WithTags("decisions");

        group.MapPost("/", async (HttpContext context, CredenceRegistry registry, Credence.Registry.Ledger.LedgerService ledger) =>
        {
            var request = await ApiBodies.JsonAsync<DecisionRequest>(context, options);
            var decision = request.IsOk
                ? await Grains.SubjectGrains.DecideAsync(context.RequestServices.GetRequiredService<Orleans.IGrainFactory>(), registry, context.Caller(), request.Value.Subject, request.Value.Measure, context.RequestAborted)
                : Outcome.Fail<Decision>(request.Problem!);
            return decision.IsOk ? await LedgerEndpoints.WithIndexAsync(context, ledger, decision.Value, ApiResults.Json(DecisionDocument.From(decision.Value), StatusCodes.Status201Created)) : ApiProblems.Result(context, decision);
        })
        .WithJsonBody<DecisionRequest>()
        .Operation("decide", "Decide a measure for a subject", "Decides a measure (a capability or measure id the relying party is registered for) for a subject, with the reasons and the policy version. The decision is stored and ledgered before it is answered; the `Credence-Ledger-Index` header carries its ledger index.", 404, 409, 422)
        .Allow("decision", Role.RelyingParty)
        .Produces<DecisionDocument>(StatusCodes.Status201Created);

        group.MapGet("/{id:guid}", async (HttpContext context, CredenceRegistry registry, Credence.Registry.Ledger.LedgerService ledger, Guid id) =>
        {
            var decision = await registry.Decisions.FindAsync(context.Caller(), id, context.RequestAborted);
            return decision.IsOk
                ? await LedgerEndpoints.WithIndexAsync(context, ledger, decision.Value, ApiResults.Json(DecisionDocument.From(decision.Value, await registry.Decisions.MarkOfAsync(decision.Value.Id, context.RequestAborted))))
                : ApiProblems.Result(context, decision);
        })
        .Operation("getDecision", "One of your decisions", "A decision, for the relying party that asked for it; `affected` is set when it was found to rest on a wrong record.", 404)
        .Allow("decision.read", Role.RelyingParty)
        .Produces<DecisionDocument>();

        group.MapGet("/affected", async (HttpContext context, CredenceRegistry registry, DateTimeOffset? after, int? limit) =>
        {
            var found = await registry.Decisions.AffectedAsync(context.Caller(), after, limit ?? 100, context.RequestAborted);
            return found.IsOk
                ? ApiResults.Json(found.Value.Select(f => DecisionDocument.From(f.Decision, f.Mark)).ToList())
                : ApiProblems.Result(context, found);
        })
        .Operation("listAffectedDecisions", "Your decisions found affected", "The relying party's decisions found affected (taken while a record since withdrawn, corrected or removed counted), marked after `after`, oldest first.")
        .Allow("decision.affected", Role.RelyingParty)
        .Produces<List<DecisionDocument>>();
    }
}
