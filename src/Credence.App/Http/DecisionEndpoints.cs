using Credence.App.Http.Documents;
using Credence.Registry;
using Credence.Registry.Decisions;

namespace Credence.App.Http;

/// <summary>Decisions for relying parties: stored before they are answered.</summary>
internal static class DecisionEndpoints
{
    public static void Map(IEndpointRouteBuilder app, RegistryServerOptions options)
    {
        var group = app.MapGroup("/v1/decisions").WithTags("decisions");

        group.MapPost("/", async (HttpContext context, CredenceRegistry registry, Credence.Registry.Ledger.LedgerService ledger) =>
        {
            var who = await ApiAuth.PrincipalAsync(context, registry, "decision");
            if (!who.IsOk)
            {
                return ApiProblems.Result(context, who);
            }

            var request = await ApiBodies.JsonAsync<DecisionRequest>(context, options);
            var decision = request.IsOk
                ? await registry.Decisions.DecideAsync(who.Value, request.Value.Subject, request.Value.Measure, context.RequestAborted)
                : Outcome.Fail<Decision>(request.Problem!);
            return decision.IsOk ? LedgerEndpoints.WithIndex(context, ledger, decision.Value, ApiResults.Json(DecisionDocument.From(decision.Value), StatusCodes.Status201Created)) : ApiProblems.Result(context, decision);
        })
        .WithJsonBody<DecisionRequest>()
        .WithSummary("Decide a measure (capability or measure id) for a subject; relying parties registered for it")
        .Produces<DecisionDocument>(StatusCodes.Status201Created)
        .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/{id:guid}", async (HttpContext context, CredenceRegistry registry, Credence.Registry.Ledger.LedgerService ledger, Guid id) =>
        {
            var who = await ApiAuth.PrincipalAsync(context, registry, "decision.read");
            var decision = who.IsOk ? await registry.Decisions.FindAsync(who.Value, id, context.RequestAborted) : Outcome.Fail<Decision>(who.Problem!);
            return decision.IsOk
                ? LedgerEndpoints.WithIndex(context, ledger, decision.Value, ApiResults.Json(DecisionDocument.From(decision.Value, registry.Decisions.MarkOf(decision.Value.Id))))
                : ApiProblems.Result(context, decision);
        })
        .WithSummary("A decision, for the relying party that asked for it; `affected` is set when it was found to rest on a wrong record")
        .Produces<DecisionDocument>();

        group.MapGet("/affected", async (HttpContext context, CredenceRegistry registry, DateTimeOffset? after, int? limit) =>
        {
            var who = await ApiAuth.PrincipalAsync(context, registry, "decision.affected");
            var found = who.IsOk
                ? await registry.Decisions.AffectedAsync(who.Value, after, limit ?? 100, context.RequestAborted)
                : Outcome.Fail<IReadOnlyList<(Decision Decision, Credence.Registry.DueProcess.DecisionMark Mark)>>(who.Problem!);
            return found.IsOk
                ? ApiResults.Json(found.Value.Select(f => DecisionDocument.From(f.Decision, f.Mark)).ToList())
                : ApiProblems.Result(context, found);
        })
        .WithSummary("The relying party's decisions found affected (taken while a record since withdrawn, corrected or removed counted), marked after ?after=, oldest first")
        .Produces<List<DecisionDocument>>();
    }
}
