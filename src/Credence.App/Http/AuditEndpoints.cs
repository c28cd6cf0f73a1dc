using Credence.Registry;
using Credence.Registry.Access;
using Credence.Registry.State;

namespace Credence.App.Http;

/// <summary>The summary (operator, auditor) and the access log (auditor).</summary>
internal static class AuditEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").WithTags("audit");

        group.MapGet("/summary", async (HttpContext context, CredenceRegistry registry) =>
        {
            var who = await ApiAuth.PrincipalAsync(context, registry, "summary.read");
            var summary = who.IsOk ? await registry.State.SummaryAsync(who.Value, context.RequestAborted) : Outcome.Fail<RegistrySummary>(who.Problem!);
            return summary.IsOk ? ApiResults.Json(summary.Value) : ApiProblems.Result(context, summary);
        })
        .WithSummary("Counts, grade distribution and list sizes; operator and auditor")
        .Produces<RegistrySummary>();

        group.MapGet("/access-log", async (HttpContext context, CredenceRegistry registry, long? after, int? limit, string? purpose) =>
        {
            var who = await ApiAuth.PrincipalAsync(context, registry, "access-log.read");
            var log = who.IsOk ? await registry.Access.ReadLogAsync(who.Value, after ?? 0, limit ?? 100, purpose, context.RequestAborted) : Outcome.Fail<IReadOnlyList<AccessEvent>>(who.Problem!);
            return log.IsOk ? ApiResults.Json(log.Value) : ApiProblems.Result(context, log);
        })
        .WithSummary("The access log after an id, oldest first; auditors with ?purpose=")
        .Produces<List<AccessEvent>>();
    }
}
