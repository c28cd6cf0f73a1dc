using Credence.Registry.Access;
using Credence.Registry.State;

namespace Credence.App.Http;

/// <summary>The summary (operator, auditor) and the access log (auditor).</summary>
internal static class AuditEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").WithTags("audit");

        group.MapGet("/summary", async (HttpContext context, Registry.CredenceRegistry registry) =>
        {
            var summary = await registry.State.SummaryAsync(context.Caller(), context.RequestAborted);
            return summary.IsOk ? ApiResults.Json(summary.Value) : ApiProblems.Result(context, summary);
        })
        .Operation("getSummary", "Registry summary", "Counts of subjects, records and decisions, the grade distribution and list sizes.")
        .Allow("summary.read", Role.Operator, Role.Auditor)
        .Produces<RegistrySummary>();

        group.MapGet("/summary/series", async (HttpContext context, Registry.CredenceRegistry registry, string? to, int? days) =>
        {
            DateOnly? last = null;
            if (to is not null)
            {
                if (!DateOnly.TryParseExact(to, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed))
                {
                    return ApiProblems.Result(context, new Registry.RegistryProblem(Registry.ProblemTypes.BadValue, $"to '{to}' is not a date (yyyy-MM-dd)", "to"));
                }

                last = parsed;
            }

            var series = await registry.Series.SeriesAsync(context.Caller(), last, days, context.RequestAborted);
            return series.IsOk ? ApiResults.Json(series.Value) : ApiProblems.Result(context, series);
        })
        .Operation("getSummarySeries", "The registry over time", "For the UTC days of a period (`days`, 1 to 366, 30 by default, ending on `to`, a date no later than today; by default today, or the day of the last intake when nothing was taken in during the default period): each list's size at the end of each day, the lines each source submitted per day by fate, and the decisions per day, measure and outcome.")
        .Allow("summary.series", Role.Operator, Role.Auditor)
        .Produces<RegistrySeries>();

        group.MapGet("/access-log", async (HttpContext context, Registry.CredenceRegistry registry, long? after, int? limit, string? purpose) =>
        {
            var log = await registry.Access.ReadLogAsync(context.Caller(), after ?? 0, limit ?? 100, purpose, context.RequestAborted);
            return log.IsOk ? ApiResults.Json(log.Value) : ApiProblems.Result(context, log);
        })
        .Operation("readAccessLog", "Read the access log", "The access log after an event id (`after`), oldest first, at most `limit` events (1 to 1000); the auditor states the purpose of the read (`purpose`), and the read is itself logged.", 400)
        .Allow("access-log.read", Role.Auditor)
        .Produces<List<AccessEvent>>();
    }
}
