using Credence.App.Http.Documents;
using Credence.Core.Intake;
using Credence.Registry;
using Credence.Registry.Access;
using Credence.Registry.DueProcess;
using Microsoft.OpenApi;

namespace Credence.App.Http;

/// <summary>Disputes: the subject opens and follows them (<c>/v1/me/disputes</c>); the record's source lists and answers them (<c>/v1/disputes</c>).</summary>
internal static class DisputeEndpoints
{
    public static void Map(IEndpointRouteBuilder app, RegistryServerOptions options)
    {
        var group = app.MapGroup("/v1").WithTags("disputes");

        group.MapPost("/me/disputes", async (HttpContext context, CredenceRegistry registry) =>
        {
            var request = await ApiBodies.JsonAsync<DisputeRequest>(context, options);
            if (!request.IsOk)
            {
                return ApiProblems.Result(context, request);
            }

            var r = request.Value;
            var opened = await registry.Disputes.OpenAsync(context.Caller(), r.Source, r.SourceRecordId, r.Reason, r.Evidence, context.RequestAborted);
            return opened.IsOk ? ApiResults.Json(DisputeDocument.From(opened.Value), StatusCodes.Status201Created) : ApiProblems.Result(context, opened);
        })
        .WithJsonBody<DisputeRequest>()
        .Operation("openDispute", "Dispute one of your records", "Disputes one of your records (`source`, `sourceRecordId`, `reason`, optional `evidence`): it is flagged at once and its source must answer by the deadline.", 404, 409, 422)
        .Allow("dispute.open", Role.Subject)
        .Produces<DisputeDocument>(StatusCodes.Status201Created);

        group.MapPost("/me/disputes/{id}/escalate", async (HttpContext context, CredenceRegistry registry, string id) =>
        {
            var request = await ApiBodies.JsonAsync<EscalationRequest>(context, options);
            var escalated = request.IsOk ? await registry.Disputes.EscalateAsync(context.Caller(), id, request.Value.Reason, context.RequestAborted) : Outcome.Fail<StoredDispute>(request.Problem!);
            return escalated.IsOk ? ApiResults.Json(DisputeDocument.From(escalated.Value)) : ApiProblems.Result(context, escalated);
        })
        .WithJsonBody<EscalationRequest>()
        .Operation("escalateDispute", "Escalate a verified dispute", "Asks a reviewer to look at a dispute your record's source verified: once, with your reason, within 30 days of the verification (`escalationDue`).", 404, 422)
        .Allow("dispute.escalate", Role.Subject)
        .Produces<DisputeDocument>();

        group.MapGet("/me/disputes", async (HttpContext context, CredenceRegistry registry) =>
        {
            var list = await registry.Disputes.ListOwnAsync(context.Caller(), context.RequestAborted);
            return list.IsOk ? ApiResults.Json(list.Value.Select(DisputeDocument.From).ToList()) : ApiProblems.Result(context, list);
        })
        .Operation("listOwnDisputes", "Your disputes", "Your disputes, oldest first, with state, deadline, answer and reason.", 422)
        .Allow("disputes.read", Role.Subject)
        .Produces<List<DisputeDocument>>();

        group.MapGet("/disputes", async (HttpContext context, CredenceRegistry registry, string? state, int? limit) =>
        {
            if (state is not (null or "open" or "closed"))
            {
                return ApiProblems.Result(context, new RegistryProblem(ProblemTypes.BadValue, $"state '{state}' is not open or closed", "state"));
            }

            var list = await registry.Disputes.ListForSourceAsync(context.Caller(), state == "closed", limit ?? 100, context.RequestAborted);
            return list.IsOk ? ApiResults.Json(list.Value.Select(DisputeDocument.From).ToList()) : ApiProblems.Result(context, list);
        })
        .Operation("listSourceDisputes", "Disputes of your records", "The disputes of your records: `state=open` (the default; most urgent first; includes those a reviewer found wrong, which you may only correct or withdraw before `dueAt`) or `closed` (latest first, including those resolved for the subject because you did not answer).")
        .Allow("disputes.read", Role.Source)
        .AddOpenApiOperationTransformer((operation, _, _) =>
        {
            // The state is a closed set on the wire; say so rather than "a string".
            if (operation.Parameters?.FirstOrDefault(p => p.Name == "state") is OpenApiParameter { Schema: OpenApiSchema schema } state)
            {
                schema.Enum = ["open", "closed"];
                state.Description = "open (the default) or closed";
            }

            return Task.CompletedTask;
        })
        .Produces<List<DisputeDocument>>();

        group.MapPost("/disputes/{id}/answer", async (HttpContext context, CredenceRegistry registry, string id) =>
        {
            var request = await ApiBodies.JsonAsync<AnswerRequest>(context, options);
            if (!request.IsOk)
            {
                return ApiProblems.Result(context, request);
            }

            RecordLine? line = null;
            if (request.Value.Record is { ValueKind: not System.Text.Json.JsonValueKind.Null } record)
            {
                line = RecordLineParser.ParseJson(record.GetRawText(), out var malformed);
                if (line is null)
                {
                    return ApiProblems.Result(context, new RegistryProblem(malformed!.Type, malformed.Message, "record." + malformed.Field));
                }
            }

            var answered = await registry.Disputes.AnswerAsync(context.Caller(), id, request.Value.Answer, request.Value.Reason, line, context.RequestAborted);
            return answered.IsOk ? ApiResults.Json(DisputeDocument.From(answered.Value)) : ApiProblems.Result(context, answered);
        })
        .WithJsonBody<AnswerRequest>()
        .Operation("answerDispute", "Answer a dispute", "Answers a dispute of your record before the deadline: `verify`, `correct` (with `record`: the corrected version) or `withdraw`, with a reason.", 404, 409, 422)
        .Allow("dispute.answer", Role.Source)
        .Produces<DisputeDocument>();
    }
}
