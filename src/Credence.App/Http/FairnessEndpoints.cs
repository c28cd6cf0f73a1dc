using Credence.Core.Fairness;
using Credence.Registry.Access;
using Credence.Registry.Fairness;

namespace Credence.App.Http;

/// <summary>The fairness report (operators and auditors; the role rule is the use case's).</summary>
internal static class FairnessEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").WithTags("audit");
        group.MapGet("/reports/fairness", async (HttpContext context, Registry.CredenceRegistry registry, string? asOf, string? gradeAtOrBelow, int? minCohort, ulong? seed) =>
        {
            DateTimeOffset? at = null;
            if (asOf is not null)
            {
                if (FairnessRequest.TryParseAsOf(asOf, out var parsed) is { } reason)
                {
                    return ApiProblems.Result(context, new Registry.RegistryProblem(Registry.ProblemTypes.BadInstant, reason, "asOf"));
                }

                at = parsed;
            }

            var report = await registry.Fairness.ReportAsync(context.Caller(), new FairnessRequest(at, gradeAtOrBelow, minCohort, seed), cancellationToken: context.RequestAborted);
            return report.IsOk ? ApiResults.Json(report.Value) : ApiProblems.Result(context, report);
        })
        .Operation(
            "getFairnessReport",
            "Fairness report",
            "The policies in force at `asOf` (ISO 8601 with an offset, or a date at midnight UTC; now by default, never later): for persons by region (province), age band and sex, and for organisations by registration region and type, all read from the identifiers alone, each adverse outcome's rate per cohort with its bootstrap interval (seeded by `seed`), its ratios to the most favoured cohort, the disparities flagged (four-fifths rule on favourable rates, and adverse rates above 1.25 times the reference's beyond resampling noise) for cohorts of at least `minCohort` subjects (smaller ones are shown and marked), the record types that carry each, and the findings in English and Chinese (`summary.en`, `summary.zh`). `gradeAtOrBelow` names the grade outcome's grade (each policy's lowest by default).",
            409, 422)
        .Allow("fairness.report", Role.Operator, Role.Auditor)
        .Produces<FairnessReport>();
    }
}
