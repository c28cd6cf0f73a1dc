using Credence.App.Http.Documents;
using Credence.Registry;
using Credence.Registry.Access;
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
            var request = await ApiBodies.JsonAsync<RepairRequest>(context, options);
            if (!request.IsOk)
            {
                return ApiProblems.Result(context, request);
            }

            var applied = await registry.Repairs.ApplyAsync(context.Caller(), request.Value.Source, request.Value.SourceRecordId, context.RequestAborted);
            return applied.IsOk ? ApiResults.Json(RepairDocument.From(applied.Value), StatusCodes.Status201Created) : ApiProblems.Result(context, applied);
        })
        .WithJsonBody<RepairRequest>()
        .Operation("applyForRepair", "Apply for repair", "Applies to end a negative record's effect early: granted at once when the policy's repair rules are met, otherwise refused (422 `repair-refused`) with every unmet criterion and when it can be met.", 404, 409, 422)
        .Allow("repair.apply", Role.Subject)
        .Produces<RepairDocument>(StatusCodes.Status201Created);

        group.MapGet("/me/repairs", async (HttpContext context, CredenceRegistry registry) =>
        {
            var list = await registry.Repairs.ListOwnAsync(context.Caller(), context.RequestAborted);
            return list.IsOk
                ? ApiResults.Json(new RepairsDocument([.. list.Value.Repairs.Select(RepairDocument.From)], [.. list.Value.Appeals.Select(AppealDocument.From)]))
                : ApiProblems.Result(context, list);
        })
        .Operation("listOwnRepairs", "Your repairs and appeals", "Your repair applications and appeals.", 422)
        .Allow("repairs.read", Role.Subject)
        .Produces<RepairsDocument>();

        group.MapPost("/me/repairs/{id}/appeal", async (HttpContext context, CredenceRegistry registry, string id) =>
        {
            var request = await ApiBodies.JsonAsync<AppealRequest>(context, options);
            var appeal = request.IsOk ? await registry.Repairs.AppealAsync(context.Caller(), id, request.Value.Grounds, context.RequestAborted) : Outcome.Fail<StoredAppeal>(request.Problem!);
            return appeal.IsOk ? ApiResults.Json(AppealDocument.From(appeal.Value), StatusCodes.Status201Created) : ApiProblems.Result(context, appeal);
        })
        .WithJsonBody<AppealRequest>()
        .Operation("appealRepair", "Appeal a refused repair", "Appeals a refused repair once, with your grounds; a reviewer decides with a written reason.", 404, 422)
        .Allow("repair.appeal", Role.Subject)
        .Produces<AppealDocument>(StatusCodes.Status201Created);

        group.MapGet("/review/queue", async (HttpContext context, CredenceRegistry registry, int? limit) =>
        {
            var queue = await registry.Reviews.QueueAsync(context.Caller(), limit ?? 100, context.RequestAborted);
            return queue.IsOk ? ApiResults.Json(queue.Value.Select(ReviewItemDocument.From).ToList()) : ApiProblems.Result(context, queue);
        })
        .Operation("getReviewQueue", "The review queue", "What needs a person: appeals against refused repairs and disputes escalated after verification, longest waiting first, each with the decisions open to you.")
        .Allow("review.queue", Role.Reviewer)
        .Produces<List<ReviewItemDocument>>();

        group.MapPost("/review/appeals/{id}", async (HttpContext context, CredenceRegistry registry, string id) =>
        {
            var request = await ApiBodies.JsonAsync<AppealDecisionRequest>(context, options);
            var decided = request.IsOk ? await registry.Reviews.DecideAsync(context.Caller(), id, request.Value.Grant, request.Value.Reason, context.RequestAborted) : Outcome.Fail<StoredAppeal>(request.Problem!);
            return decided.IsOk ? ApiResults.Json(AppealDocument.From(decided.Value)) : ApiProblems.Result(context, decided);
        })
        .WithJsonBody<AppealDecisionRequest>()
        .Operation("decideAppeal", "Decide an appeal", "Decides an appeal: grant the repair or uphold the refusal, with a written reason the subject sees.", 404, 422)
        .Allow("appeal.decide", Role.Reviewer)
        .Produces<AppealDocument>();

        group.MapPost("/review/disputes/{id}", async (HttpContext context, CredenceRegistry registry, string id) =>
        {
            var request = await ApiBodies.JsonAsync<DisputeDecisionRequest>(context, options);
            var decided = request.IsOk ? await registry.Reviews.DecideDisputeAsync(context.Caller(), id, request.Value.Decision, request.Value.Reason, context.RequestAborted) : Outcome.Fail<StoredDispute>(request.Problem!);
            return decided.IsOk ? ApiResults.Json(DisputeDocument.From(decided.Value)) : ApiProblems.Result(context, decided);
        })
        .WithJsonBody<DisputeDecisionRequest>()
        .Operation("decideDispute", "Decide an escalated dispute", "Decides an escalated dispute, with a written reason the subject sees: `uphold` (the verification stands) or `found-wrong` (the source must correct or withdraw within 3 working days, or the dispute is resolved for the subject then).", 404, 422)
        .Allow("dispute.decide", Role.Reviewer)
        .Produces<DisputeDocument>();
    }
}
