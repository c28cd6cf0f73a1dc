using Credence.App.Http.Documents;
using Credence.Core.Intake;
using Credence.Registry;
using Credence.Registry.DueProcess;

namespace Credence.App.Http;

/// <summary>Disputes: the subject opens and follows them (<c>/v1/me/disputes</c>); the record's source lists and answers them (<c>/v1/disputes</c>).</summary>
internal static class DisputeEndpoints
{
    public static void Map(IEndpointRouteBuilder app, RegistryServerOptions options)
    {
        var group = app.MapGroup("/v1").WithTags("disputes");

        group.MapPost("/me/disputes", async (HttpContext context, CredenceRegistry registry) =>
        {
            var who = await ApiAuth.PrincipalAsync(context, registry, "dispute.open");
            if (!who.IsOk)
            {
                return ApiProblems.Result(context, who);
            }

            var request = await ApiBodies.JsonAsync<DisputeRequest>(context, options);
            if (!request.IsOk)
            {
                return ApiProblems.Result(context, request);
            }

            var r = request.Value;
            var opened = await registry.Disputes.OpenAsync(who.Value, r.Source, r.SourceRecordId, r.Reason, r.Evidence, context.RequestAborted);
            return opened.IsOk ? ApiResults.Json(DisputeDocument.From(opened.Value), StatusCodes.Status201Created) : ApiProblems.Result(context, opened);
        })
        .WithJsonBody<DisputeRequest>()
        .WithSummary("Dispute one of your records (source, sourceRecordId, reason, evidence?): it is flagged at once and its source must answer by the deadline; subject key")
        .Produces<DisputeDocument>(StatusCodes.Status201Created)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/me/disputes/{id}/escalate", async (HttpContext context, CredenceRegistry registry, string id) =>
        {
            var who = await ApiAuth.PrincipalAsync(context, registry, "dispute.escalate");
            if (!who.IsOk)
            {
                return ApiProblems.Result(context, who);
            }

            var request = await ApiBodies.JsonAsync<EscalationRequest>(context, options);
            var escalated = request.IsOk ? await registry.Disputes.EscalateAsync(who.Value, id, request.Value.Reason, context.RequestAborted) : Outcome.Fail<StoredDispute>(request.Problem!);
            return escalated.IsOk ? ApiResults.Json(DisputeDocument.From(escalated.Value)) : ApiProblems.Result(context, escalated);
        })
        .WithJsonBody<EscalationRequest>()
        .WithSummary("Ask a reviewer to look at a dispute your record's source verified: once, with your reason, within 30 days of the verification (escalationDue); subject key")
        .Produces<DisputeDocument>()
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/me/disputes", async (HttpContext context, CredenceRegistry registry) =>
        {
            var who = await ApiAuth.PrincipalAsync(context, registry, "disputes.read");
            var list = who.IsOk ? await registry.Disputes.ListOwnAsync(who.Value, context.RequestAborted) : Outcome.Fail<IReadOnlyList<StoredDispute>>(who.Problem!);
            return list.IsOk ? ApiResults.Json(list.Value.Select(DisputeDocument.From).ToList()) : ApiProblems.Result(context, list);
        })
        .WithSummary("Your disputes, oldest first, with state, deadline, answer and reason; subject key")
        .Produces<List<DisputeDocument>>();

        group.MapGet("/disputes", async (HttpContext context, CredenceRegistry registry, string? state, int? limit) =>
        {
            var who = await ApiAuth.PrincipalAsync(context, registry, "disputes.read");
            if (!who.IsOk)
            {
                return ApiProblems.Result(context, who);
            }

            if (state is not (null or "open" or "closed"))
            {
                return ApiProblems.Result(context, new RegistryProblem(ProblemTypes.BadValue, $"state '{state}' is not open or closed", "state"));
            }

            var list = await registry.Disputes.ListForSourceAsync(who.Value, state == "closed", limit ?? 100, context.RequestAborted);
            return list.IsOk ? ApiResults.Json(list.Value.Select(DisputeDocument.From).ToList()) : ApiProblems.Result(context, list);
        })
        .WithSummary("The disputes of your records: ?state=open (default; most urgent first; includes those a reviewer found wrong, which you may only correct or withdraw before dueAt) or closed (latest first, including those resolved for the subject because you did not answer); source key")
        .Produces<List<DisputeDocument>>();

        group.MapPost("/disputes/{id}/answer", async (HttpContext context, CredenceRegistry registry, string id) =>
        {
            var who = await ApiAuth.PrincipalAsync(context, registry, "dispute.answer");
            if (!who.IsOk)
            {
                return ApiProblems.Result(context, who);
            }

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

            var answered = await registry.Disputes.AnswerAsync(who.Value, id, request.Value.Answer, request.Value.Reason, line, context.RequestAborted);
            return answered.IsOk ? ApiResults.Json(DisputeDocument.From(answered.Value)) : ApiProblems.Result(context, answered);
        })
        .WithJsonBody<AnswerRequest>()
        .WithSummary("Answer a dispute of your record: verify, correct (with record: the corrected version) or withdraw, with a reason, before the deadline; source key")
        .Produces<DisputeDocument>()
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
