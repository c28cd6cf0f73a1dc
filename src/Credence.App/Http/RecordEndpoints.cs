using Credence.App.Http.Documents;
using Credence.Core.Intake;
using Credence.Registry;
using Credence.Registry.Access;
using Credence.Registry.Intake;
using Microsoft.Net.Http.Headers;

namespace Credence.App.Http;

/// <summary>Intake: one record (JSON), a batch (NDJSON) or a CSV upload, from a source's key.</summary>
internal static class RecordEndpoints
{
    private static readonly string[] NdjsonTypes = ["application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines", "text/plain"];

    public static void Map(IEndpointRouteBuilder app, RegistryServerOptions options)
    {
        var group = app.MapGroup("/v1/records").WithTags("records");

        group.MapPost("/", async (HttpContext context, CredenceRegistry registry) =>
        {
            var body = await ApiBodies.ReadTextAsync(context, options.SingleBodyLimit, ProblemTypes.MalformedJson);
            if (!body.IsOk)
            {
                return ApiProblems.Result(context, body);
            }

            var line = RecordLineParser.ParseJson(body.Value, out var malformed);
            if (line is null)
            {
                return ApiProblems.Result(context, new RegistryProblem(malformed!.Type, malformed.Message, malformed.Field));
            }

            var fate = await registry.Intake.SubmitAsync(context.Caller(), line, context.RequestAborted);
            return fate.IsOk
                ? ApiResults.Json(RecordFateDocument.From(fate.Value), fate.Value.Fate == FateKind.Accepted ? StatusCodes.Status201Created : StatusCodes.Status200OK)
                : ApiProblems.Result(context, fate);
        })
        .WithJsonBody<RecordLine>()
        .Operation("submitRecord", "Submit one record", "Submits, corrects or withdraws one record (JSON): 201 when accepted, 200 when it is a duplicate of a stored version; a correction or withdrawal of a record the source never sent is 404.", 404, 409, 422)
        .Allow("records.submit", Role.Source)
        .Produces<RecordFateDocument>(StatusCodes.Status201Created)
        .Produces<RecordFateDocument>();

        group.MapPost("/batch", async (HttpContext context, CredenceRegistry registry) =>
        {
            var csv = MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var media) && media.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase);
            if (!csv && media is not null && !NdjsonTypes.Any(t => media.MediaType.Equals(t, StringComparison.OrdinalIgnoreCase)))
            {
                return ApiProblems.Result(context, new RegistryProblem(ProblemTypes.UnsupportedMediaType, $"a batch is NDJSON (application/x-ndjson) or CSV (text/csv), not {media.MediaType}"));
            }

            var malformedType = csv ? ProblemTypes.MalformedCsv : ProblemTypes.MalformedJson;
            var body = await ApiBodies.ReadTextAsync(context, options.BatchBodyLimit, malformedType);
            if (!body.IsOk)
            {
                return ApiProblems.Result(context, body);
            }

            List<NumberedLine>? lines;
            if (csv)
            {
                lines = CsvRecordLines.Parse(body.Value, out var headerProblem);
                if (lines is null)
                {
                    return ApiProblems.Result(context, new RegistryProblem(headerProblem!.Type, headerProblem.Message, headerProblem.Field.Length == 0 ? null : headerProblem.Field));
                }
            }
            else
            {
                lines = NdjsonRecordLines.Parse(body.Value);
            }

            if (lines.Count == 0)
            {
                return ApiProblems.Result(context, new RegistryProblem(malformedType, "the batch holds no records"));
            }

            var result = await registry.Intake.SubmitAsync(context.Caller(), lines, context.RequestAborted);
            if (!result.IsOk)
            {
                return ApiProblems.Result(context, result);
            }

            var document = BatchDocument.From(result.Value);
            if (result.Value.Accepted + result.Value.Duplicates == 0)
            {
                var first = result.Value.Fates.First(f => f.Problem is not null).Problem!;
                var problem = new RegistryProblem(first.Type, $"all {lines.Count} lines were rejected and nothing was stored; the first: line {result.Value.Fates[0].Line}: {first.Message}");
                return ApiProblems.Result(context, problem, document.Fates);
            }

            return ApiResults.Json(document);
        })
        .WithTextBody("application/x-ndjson", "text/csv")
        .Operation("submitBatch", "Submit a batch of records", "Submits a batch: NDJSON (one record per line) or CSV (a header row of record fields). Every line gets a fate; when no line is accepted the answer is the first line's problem, with every line's fate.", 404, 409, 415, 422)
        .Allow("records.submit", Role.Source)
        .Produces<BatchDocument>();
    }
}
