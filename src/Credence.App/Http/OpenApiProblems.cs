using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Credence.App.Http;

/// <summary>
/// The one problem schema of the document, whose <c>type</c> lists every code of
/// <see cref="ApiProblemCatalogue"/> with its status and meaning, and the problem responses of operations.
/// </summary>
internal static class OpenApiProblems
{
    public static string Describe(int status)
    {
        var codes = string.Join(", ", ApiProblemCatalogue.CodesWith(status).Select(c => $"`{c}`"));
        var what = status switch
        {
            400 => "The request is malformed",
            401 => "No valid API key",
            403 => "The key may not do this",
            404 => "Not found, or not yours to see",
            409 => "Conflicts with the registry's state",
            410 => "Gone",
            413 => "The body is too large",
            415 => "Unsupported content type",
            422 => "A value is refused",
            429 => "Too many requests from this client; see Retry-After",
            _ => "Refused",
        };
        return codes.Length == 0 ? what + "." : $"{what}: {codes}.";
    }

    public static OpenApiResponse Response(OpenApiDocument? document, string description, bool retryAfter)
    {
        var response = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ApiOpenApi.ProblemSchema, document) },
            },
        };
        if (retryAfter)
        {
            response.Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader { Description = "Seconds to wait before trying again.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } },
            };
        }

        return response;
    }

    public static async Task<OpenApiSchema> SchemaAsync(OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var catalogue = new StringBuilder("The problem's code as `urn:credence:problem:<code>`; codes never change meaning once published.\n\n| code | status | meaning |\n|---|---|---|\n");
        foreach (var code in ApiProblemCatalogue.Codes)
        {
            catalogue.Append(System.Globalization.CultureInfo.InvariantCulture, $"| `{code}` | {ApiProblemCatalogue.StatusOf(code)} | {ApiProblemCatalogue.MeaningOf(code)} |\n");
        }

        var refusal = await context.GetOrCreateSchemaAsync(typeof(Core.DueProcess.Refusal), null, cancellationToken).ConfigureAwait(false);
        var fate = await context.GetOrCreateSchemaAsync(typeof(Documents.RecordFateDocument), null, cancellationToken).ConfigureAwait(false);
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "An RFC 9457 problem detail: every refusal of the API.",
            Required = new HashSet<string>(["type", "title", "status", "detail"], StringComparer.Ordinal),
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
            {
                ["type"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Description = catalogue.ToString(),
                    Enum = [.. ApiProblemCatalogue.Codes.Select(c => (JsonNode)JsonValue.Create(ApiProblems.TypePrefix + c))],
                },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The code in words." },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status." },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "What is wrong with this request, in one sentence." },
                ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request's path." },
                ["field"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The field the problem concerns, when there is one." },
                ["errors"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String }, Description = "Every reason, when there are several (each problem of a refused policy)." },
                ["refusals"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = refusal, Description = "A refused due-process step's reasons, each with its stable code and, when time alone will meet it, the instant it will be met." },
                ["caseId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The stored case of a refusal that can be appealed (a refused repair)." },
                ["fates"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = fate, Description = "A refused batch: every line's fate." },
            },
        };
    }
}
