using Credence.App.Http.Documents;
using Credence.Registry;
using Credence.Registry.DueProcess;

namespace Credence.App.Http;

/// <summary>Repair and appeals for the subject (<c>/v1/me/repairs</c>), and the reviewers' queue and decisions (<c>/v1/review</c>).</summary>
internal static class RepairEndpoints
{
    public static void Map(IEndpointRouteBuilder app, RegistryServerOptions options)
    {
        var group = app.MapGroup("/v1").WithTags("repair and review");

        group.MapPost("/me/repairs", async (HttpContext context, CredenceRegistry registry) =>
        {
            var who = await ApiAuth.PrincipalAsync(context, registry, "repair.apply");
            if (!who.IsOk)
            {
                return ApiProblems.Result(context, who);
            }

            var request = await ApiBodies.JsonAsync<RepairRequest>(context, options);
            if (!request.IsOk)
            {
                return ApiProblems.Result(context, request);
            }

            var applied = await registry.Repairs.ApplyAsync(who.Value, request.Value.Source, request.Value.SourceRecordId, context.RequestAborted);
            return applied.IsOk ? ApiResults.Json(RepairDocument.From(applied.Value), StatusCodes.Status201Created) : ApiProblems.Result(context, applied);
        })
        .WithJsonBody<RepairRequest>()
        .WithSummary("Apply to end a negative record's effect early: granted at once when the policy's repair rules are met, otherwise refused (422 repair-refused) with every unmet criterion and when it can be met; subject key")
        .Produces<RepairDocument>(StatusCodes.Status201Created)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/me/repairs", async (HttpContext context, CredenceRegistry registry) =>
        {
            var who = await ApiAuth.PrincipalAsync(context, registry, "repairs.read");
            if (!who.IsOk)
            {
                return ApiProblems.Result(context, who);
            }

            var list = await registry.Repairs.ListOwnAsync(who.Value, context.RequestAborted);
            return list.IsOk
                ? ApiResults.Json(new RepairsDocument([.. list.Value.Repairs.Select(RepairDocument.From)], [.. list.Value.Appeals.Select(AppealDocument.From)]))
                : ApiProblems.Result(context, list);
        })
        .WithSummary("Your repair applications and appeals; subject key")
        .Produces<RepairsDocument>();

        group.MapPost("/me/repairs/{id}/appeal", async (HttpContext context, CredenceRegistry registry, string id) =>
        {
            var who = await ApiAuth.PrincipalAsync(context, registry, "repair.appeal");
            if (!who.IsOk)
            {
                return ApiProblems.Result(context, who);
            }

            var request = await ApiBodies.JsonAsync<AppealRequest>(context, options);
            var appeal = request.IsOk ? await registry.Repairs.AppealAsync(who.Value, id, request.Value.Grounds, context.RequestAborted) : Outcome.Fail<StoredAppeal>(request.Problem!);
            return appeal.IsOk ? ApiResults.Json(AppealDocument.From(appeal.Value), StatusCodes.Status201Created) : ApiProblems.Result(context, appeal);
        })
        .WithJsonBody<AppealRequest>()
        .WithSummary("Appeal a refused repair once, with your grounds; a reviewer decides with a written reason; subject key")
        .Produces<AppealDocument>(StatusCodes.Status201Created)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/review/queue", async (HttpContext context, CredenceRegistry registry, int? limit) =>
        {
            var who = await ApiAuth.PrincipalAsync(context, registry, "review.queue");
            var queue = who.IsOk ? await registry.Reviews.QueueAsync(who.Value, limit ?? 100, context.RequestAborted) : Outcome.Fail<IReadOnlyList<ReviewItem>>(who.Problem!);
            return queue.IsOk ? ApiResults.Json(queue.Value.Select(ReviewItemDocument.From).ToList()) : ApiProblems.Result(context, queue);
        })
        .WithSummary("What needs a person: appeals against refused repairs and disputes escalated after verification, longest waiting first, each with the decisions open to you; reviewer key")
        .Produces<List<ReviewItemDocument>>();

        group.MapPost("/review/appeals/{id}", async (HttpContext context, CredenceRegistry registry, string id) =>
        {
            var who = await ApiAuth.PrincipalAsync(context, registry, "appeal.decide");
            if (!who.IsOk)
            {
                return ApiProblems.Result(context, who);
            }

            var request = await ApiBodies.JsonAsync<AppealDecisionRequest>(context, options);
            var decided = request.IsOk ? await registry.Reviews.DecideAsync(who.Value, id, request.Value.Grant, request.Value.Reason, context.RequestAborted) : Outcome.Fail<StoredAppeal>(request.Problem!);
            return decided.IsOk ? ApiResults.Json(AppealDocument.From(decided.Value)) : ApiProblems.Result(context, decided);
        })
        .WithJsonBody<AppealDecisionRequest>()
        .WithSummary("Decide an appeal: grant the repair or uphold the refusal, with a written reason the subject sees; reviewer key")
        .Produces<AppealDocument>()
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/review/disputes/{id}", async (HttpContext context, CredenceRegistry registry, string id) =>
        {
            var who = await ApiAuth.PrincipalAsync(context, registry, "dispute.decide");
            if (!who.IsOk)
            {
                return ApiProblems.Result(context, who);
            }

            var request = await ApiBodies.JsonAsync<DisputeDecisionRequest>(context, options);
            var decided = request.IsOk ? await registry.Reviews.DecideDisputeAsync(who.Value, id, request.Value.Decision, request.Value.Reason, context.RequestAborted) : Outcome.Fail<StoredDispute>(request.Problem!);
            return decided.IsOk ? ApiResults.Json(DisputeDocument.From(decided.Value)) : ApiProblems.Result(context, decided);
        })
        .WithJsonBody<DisputeDecisionRequest>()
        .WithSummary("Decide an escalated dispute, with a written reason the subject sees: uphold (the verification stands) or found-wrong (the source must correct or withdraw within 3 working days, or the dispute is resolved for the subject then); reviewer key")
        .Produces<DisputeDocument>()
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
