using System.Text;
using Credence.App.Http.Documents;
using Credence.Registry;
using Credence.Registry.Access;
using Credence.Registry.Intake;

namespace Credence.App.Http;

/// <summary>A source's intake history: its batches, one batch with its rejected lines, and those lines as CSV or NDJSON.</summary>
internal static class IntakeHistoryEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/sources/me/batches").WithTags("records");

        group.MapGet("/", async (HttpContext context, CredenceRegistry registry, int? offset, int? limit) =>
        {
            var page = await registry.IntakeHistory.BatchesAsync(context.Caller(), offset ?? 0, limit ?? 50, context.RequestAborted);
            return page.IsOk ? ApiResults.Json(page.Value) : ApiProblems.Result(context, page);
        })
        .Operation("listIntakeBatches", "Your intake history", "Your batches, newest first (`offset`, `limit` from 1 to 200, 50 by default): when each was taken in, how many lines it had, and how many were accepted, duplicates of stored versions, or rejected. A submission streamed in chunks is one batch.")
        .Allow("intake.read", Role.Source)
        .Produces<IntakeHistoryPage>();

        group.MapGet("/{id}", async (HttpContext context, CredenceRegistry registry, string id) =>
        {
            var batch = await registry.IntakeHistory.BatchAsync(context.Caller(), id, context.RequestAborted);
            return batch.IsOk ? ApiResults.Json(new IntakeBatchDocument(batch.Value.Batch, batch.Value.Rejected)) : ApiProblems.Result(context, batch);
        })
        .Operation("getIntakeBatch", "One of your batches", "One of your batches with every rejected line: its number in the submission, the record it named, the problem's type and field, and the reason. Another source's batch is 404, as a missing one.", 404, 422)
        .Allow("intake.read", Role.Source)
        .Produces<IntakeBatchDocument>();

        group.MapGet("/{id}/rejected", async (HttpContext context, CredenceRegistry registry, string id, string? format) =>
        {
            if (format is not (null or "csv" or "ndjson"))
            {
                return ApiProblems.Result(context, new RegistryProblem(ProblemTypes.BadValue, $"format '{format}' is not csv or ndjson", "format"));
            }

            var batch = await registry.IntakeHistory.BatchAsync(context.Caller(), id, context.RequestAborted);
            if (!batch.IsOk)
            {
                return ApiProblems.Result(context, batch);
            }

            var csv = format == "csv";
            var text = csv ? RejectedLinesText.Csv(batch.Value.Rejected) : RejectedLinesText.Ndjson(batch.Value.Rejected);
            return Results.File(Encoding.UTF8.GetBytes(text), csv ? RejectedLinesText.CsvMediaType : RejectedLinesText.NdjsonMediaType, $"rejected-{batch.Value.Batch.Id}.{(csv ? "csv" : "ndjson")}");
        })
        .Operation("downloadRejectedLines", "A batch's rejected lines", "The rejected lines of one of your batches as a file: `format=ndjson` (the default; one object per line) or `format=csv` (a header row `line,record,version,type,field,message`).", 404)
        .Allow("intake.read", Role.Source)
        .Produces<string>(StatusCodes.Status200OK, "application/x-ndjson", "text/csv");
    }
}
