using Credence.App.Http.Documents;
using Credence.Registry;
using Credence.Registry.Access;
using Credence.Registry.DueProcess;
using Credence.Registry.DueProcess.Evidence;
using Microsoft.OpenApi;

namespace Credence.App.Http;

/// <summary>
/// A dispute's evidence files: the subject adds one (<c>POST /v1/me/disputes/{id}/evidence</c>, the
/// file's bytes as the body); the subject, the record's source and reviewers list and download them
/// (<c>/v1/disputes/{id}/evidence</c>).
/// </summary>
/// <remarks>
/// Implementation note: the body's <c>Content-Type</c> is not read: the file's own bytes decide what it
/// is (<see cref="EvidenceRules"/>). A download is always an attachment, with <c>nosniff</c> and a
/// sandboxing content-security policy, so that no browser renders a file as anything but itself.
/// </remarks>
internal static class EvidenceEndpoints
{
    private static readonly string[] FileTypes = [EvidenceRules.Pdf, EvidenceRules.Jpeg, EvidenceRules.Png];

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").WithTags("disputes");

        group.MapPost("/me/disputes/{id}/evidence", async (HttpContext context, CredenceRegistry registry, string id, string? name) =>
        {
            var body = await ApiBodies.BytesAsync(context, EvidenceRules.MaxBytes);
            if (!body.IsOk)
            {
                return ApiProblems.Result(context, body.Problem.Type == ProblemTypes.PayloadTooLarge
                    ? new RegistryProblem(ProblemTypes.EvidenceTooLarge, $"an evidence file is at most {EvidenceRules.MaxBytes} bytes (5 MiB)", "evidence")
                    : body.Problem);
            }

            var added = await registry.Disputes.AddEvidenceAsync(context.Caller(), id, new EvidenceUpload(name, body.Value), context.RequestAborted);
            return added.IsOk ? ApiResults.Json(EvidenceDocument.From(added.Value), StatusCodes.Status201Created) : ApiProblems.Result(context, added);
        })
        .WithMetadata(new ApiBody([.. FileTypes, "application/octet-stream"]))
        .AddOpenApiOperationTransformer((operation, _, _) =>
        {
            var binary = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = "The file's bytes. Its type is recognised from them; the Content-Type header and the name are not trusted.",
                Content = new[] { EvidenceRules.Pdf, EvidenceRules.Jpeg, EvidenceRules.Png, "application/octet-stream" }.ToDictionary(t => t, _ => new OpenApiMediaType { Schema = binary }),
            };
            return Task.CompletedTask;
        })
        .Operation("addDisputeEvidence", "Add an evidence file to your dispute",
            "Adds one evidence file (the body; `?name=` names it) to one of your disputes while its source must still answer or a reviewer decides: a PDF, JPEG or PNG recognised by its bytes (not its name or declared type), at most 5 MiB, at most 3 files a dispute. A file that is empty, of another type, or also another format (something appended, markup in its first bytes, a PDF with scripts) is `evidence-not-accepted`. The file's SHA-256 is in the dispute's ledgered `evidence-added` step.",
            404, 409, 413, 415, 422)
        .Allow(DisputeService.EvidenceAddAction, Role.Subject)
        .Produces<EvidenceDocument>(StatusCodes.Status201Created);

        group.MapGet("/disputes/{id}/evidence", async (HttpContext context, CredenceRegistry registry, string id) =>
        {
            var list = await registry.Disputes.EvidenceAsync(context.Caller(), id, context.RequestAborted);
            return list.IsOk ? ApiResults.Json(list.Value.Select(EvidenceDocument.From).ToList()) : ApiProblems.Result(context, list);
        })
        .Operation("listDisputeEvidence", "A dispute's evidence files",
            "The evidence files of a dispute, in the order they arrived, with their SHA-256: for the dispute's subject, the record's source and reviewers. Another subject's or another source's dispute is `not-found`, like one that does not exist. Logged.", 404, 422)
        .Allow(DisputeService.EvidenceReadAction, Role.Subject, Role.Source, Role.Reviewer)
        .Produces<List<EvidenceDocument>>();

        group.MapGet("/disputes/{id}/evidence/{number:int}", async (HttpContext context, CredenceRegistry registry, string id, int number) =>
        {
            var file = await registry.Disputes.DownloadEvidenceAsync(context.Caller(), id, number, context.RequestAborted);
            if (!file.IsOk)
            {
                return ApiProblems.Result(context, file);
            }

            Protect(context.Response.Headers, file.Value.Evidence.Sha256);
            return Results.File(file.Value.Content, file.Value.Evidence.MediaType, file.Value.Evidence.DownloadName);
        })
        .Operation("downloadDisputeEvidence", "Download an evidence file",
            "One evidence file of a dispute, as an attachment of the type its bytes proved (`X-Content-Type-Options: nosniff`; its SHA-256 in `Credence-Evidence-Sha256`): for the dispute's subject, the record's source and reviewers. Logged with the file's SHA-256.", 404, 422)
        .Allow(DisputeService.EvidenceReadAction, Role.Subject, Role.Source, Role.Reviewer)
        .Produces<byte[]>(StatusCodes.Status200OK, EvidenceRules.Pdf, EvidenceRules.Jpeg, EvidenceRules.Png);
    }

    /// <summary>The headers of every evidence download (API and portal): never rendered, never sniffed.</summary>
    public static void Protect(IHeaderDictionary headers, string sha256)
    {
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        headers.CacheControl = "private, no-store";
        headers["Credence-Evidence-Sha256"] = sha256;
    }
}
