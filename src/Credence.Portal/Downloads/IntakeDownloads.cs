using System.Text;
using Credence.Portal.Components.Shared;
using Credence.Registry;
using Credence.Registry.Intake;

namespace Credence.Portal.Downloads;

/// <summary>
/// A batch's rejected lines as a file for the signed-in source (<c>/source/intake/{id}/rejected.csv</c>
/// or <c>.ndjson</c>): the same use case and the same file as <c>GET /v1/sources/me/batches/{id}/rejected</c>.
/// </summary>
internal static class IntakeDownloads
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/source/intake/{id}/rejected.{format}", async (HttpContext context, PortalSession session, CredenceRegistry registry, string id, string format) =>
        {
            if (format is not ("csv" or "ndjson"))
            {
                return Results.NotFound();
            }

            if (await session.CallerAsync().ConfigureAwait(false) is not { } principal)
            {
                return Results.LocalRedirect("/sign-in?returnUrl=" + Uri.EscapeDataString(context.Request.Path));
            }

            var batch = await registry.IntakeHistory.BatchAsync(principal, id, context.RequestAborted).ConfigureAwait(false);
            if (!batch.IsOk)
            {
                Refusal.Answer(context, batch.Problem);
                return Results.Text(batch.Problem.Detail, "text/plain; charset=utf-8", Encoding.UTF8, context.Response.StatusCode);
            }

            var csv = format == "csv";
            var text = csv ? RejectedLinesText.Csv(batch.Value.Rejected) : RejectedLinesText.Ndjson(batch.Value.Rejected);
            return Results.File(Encoding.UTF8.GetBytes(text), csv ? RejectedLinesText.CsvMediaType : RejectedLinesText.NdjsonMediaType, $"rejected-{batch.Value.Batch.Id}.{format}");
        }).ExcludeFromDescription();
    }
}
