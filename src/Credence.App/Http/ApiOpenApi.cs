using System.ComponentModel.DataAnnotations;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace Credence.App.Http;

/// <summary>
/// Makes the OpenAPI document say exactly what the API does, from the endpoints' declarations:
/// the bearer security scheme and each operation's requirement (<see cref="ApiAccess"/>), every
/// problem status an operation can answer with the one problem schema, whose <c>type</c> lists every
/// code with its meaning (<see cref="ApiProblemCatalogue"/>), tag descriptions, and required
/// properties that are really always present.
/// </summary>
internal static class ApiOpenApi
{
    public const string SecurityScheme = "bearer";

    public const string ProblemSchema = "Problem";

    private static readonly Dictionary<string, string> Tags = new(StringComparer.Ordinal)
    {
        ["system"] = "Liveness of the registry.",
        ["principals and keys"] = "The operator registers principals (sources, relying parties, subjects, reviewers, auditors, operators) and issues and revokes their API keys.",
        ["policies"] = "The operator validates, uploads and activates versioned policies; operators and auditors list them.",
        ["records"] = "Sources submit, correct and withdraw adjudicated records, one at a time or in batches.",
        ["subjects"] = "A subject's file: for the subject, and for reviewers and auditors with a stated purpose.",
        ["decisions"] = "Relying parties ask for decisions on the measures they are registered for; every decision is stored and logged before it is answered.",
        ["public"] = "Anonymous lookups: organisations' grades and the lists the policy publishes. Limited per client.",
        ["audit"] = "Summaries and the access log, for operators and auditors.",
        ["ledger"] = "The tamper-evident ledger: signed checkpoints and proofs for anyone, entries and receipts for those concerned.",
        ["consent"] = "A subject's consent to scoring, where the policy asks for it.",
        ["sharing"] = "A subject shares its grade with a relying party by a share code.",
        ["disclosure"] = "The subject's free disclosure of its whole file.",
        ["disputes"] = "A subject disputes its records; the record's source answers before the deadline.",
        ["repair and review"] = "Repair of negative records, appeals, and the reviewers who decide what needs a person.",
        ["notices"] = "The subject's inbox: what happened, why, and what it can do next.",
    };

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer(async (document, context, cancellationToken) =>
        {
            document.Info.Title = "Credence registry API";
            document.Info.Version = "v1";
            document.Info.Description = "A social credit registry with due process built in. Send API keys as `Authorization: Bearer cred_...`; "
                + "a missing or wrong key is 401, a valid key that may not do something is 403, and both are logged in the access log. "
                + "Every refusal is an RFC 9457 problem detail (`application/problem+json`) whose `type` is `urn:credence:problem:<code>`; the `Problem` schema lists every code and its meaning. "
                + "Anonymous requests and failed authentications are limited per client address (429 with `Retry-After`).";
            document.Info.Contact = new OpenApiContact { Name = "The operator of this registry" };
            foreach (var server in document.Servers ?? [])
            {
                server.Url = server.Url?.TrimEnd('/');
            }

            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SecurityScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "cred_<43 base64url characters>",
                Description = "An API key the operator issued (POST /v1/principals or `credence keys create`); its principal's role decides what it may do.",
            };
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            document.Components.Schemas[ProblemSchema] = await ProblemAsync(context, cancellationToken).ConfigureAwait(false);

            var used = document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []).SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>()).Select(t => t.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
            document.Tags = new HashSet<OpenApiTag>([.. used.Order(StringComparer.Ordinal).Select(t => new OpenApiTag { Name = t, Description = Tags.GetValueOrDefault(t) })]);
        });

        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var access = metadata.OfType<ApiAccess>().FirstOrDefault();
            var statuses = new SortedSet<int>(metadata.OfType<ApiOperationProblems>().SelectMany(p => p.Statuses));
            if (access is not null)
            {
                statuses.UnionWith([401, 403, 429]);
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecurityScheme, context.Document)] = [] }];
                var roles = string.Join(", ", access.RoleNames);
                operation.Description = $"{operation.Description}\n\nKeys: {roles}.".TrimStart();
            }
            else
            {
                // An empty requirement: anonymous, stated rather than left out.
                operation.Security = [new OpenApiSecurityRequirement()];
            }

            if (metadata.OfType<EnableRateLimitingAttribute>().Any())
            {
                statuses.Add(429);
            }

            if (metadata.OfType<ApiBody>().Any())
            {
                statuses.UnionWith([400, 413]);
            }

            if (operation.Parameters?.Any(p => p.In == ParameterLocation.Query) == true)
            {
                statuses.Add(422);
            }

            operation.Responses ??= new OpenApiResponses();
            foreach (var key in operation.Responses.Keys.Where(k => k is not ['2', _, _]).ToList())
            {
                operation.Responses.Remove(key);
            }

            foreach (var status in statuses)
            {
                operation.Responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = Problem(context.Document, Describe(status), status == 429);
            }

            operation.Responses["default"] = Problem(context.Document, "An unexpected failure (500 internal-error: nothing was acknowledged) or 503 ledger-unavailable (nothing was stored; retry).", retryAfter: false);
            return Task.CompletedTask;
        });

        options.AddSchemaTransformer((schema, context, _) =>
        {
            // A property that may be null is never written as null (nulls are left out) and may be
            // left out of a request: it is optional, unless the API refuses its absence ([Required]).
            if (context.JsonPropertyInfo is null && context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object && schema is OpenApiSchema { Required.Count: > 0 } typed)
            {
                foreach (var property in context.JsonTypeInfo.Properties)
                {
                    var demanded = property.AttributeProvider?.IsDefined(typeof(RequiredAttribute), inherit: true) == true;
                    if (property.IsGetNullable && !demanded)
                    {
                        typed.Required!.Remove(property.Name);
                    }
                }
            }

            if (schema is not OpenApiSchema typedSchema)
            {
                return Task.CompletedTask;
            }

            // The intake's record line is Core's type: the fields the parser requires (the source comes from the key).
            if (context.JsonTypeInfo.Type == typeof(Core.Intake.RecordLine))
            {
                typedSchema.Required = new HashSet<string>(["subject", "type", "area", "occurred", "sourceRecordId"], StringComparer.Ordinal);
            }

            // Written as text by Credence's converters (a record key as source/id, a subject id as its canonical text).
            if (IsText(context.JsonTypeInfo.Type))
            {
                typedSchema.Type = JsonSchemaType.String;
                typedSchema.Properties = null;
                typedSchema.Required = null;
            }
            else if (context.JsonTypeInfo.ElementType is { } element && IsText(element) && typedSchema.Items is null)
            {
                typedSchema.Items = new OpenApiSchema { Type = JsonSchemaType.String };
            }

            // Enums are kebab-case strings on the wire; a nullable enum's null is never written
            // (nulls are left out), and the property that may lack it is already optional.
            if (typedSchema.Enum is { Count: > 0 } values)
            {
                typedSchema.Type ??= JsonSchemaType.String;
                typedSchema.Enum = [.. values.Where(v => v is not null)];
            }

            return Task.CompletedTask;
        });
    }

    private static bool IsText(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) is var t && (t == typeof(Core.Records.RecordKey) || t == typeof(Core.Identifiers.SubjectId));

    private static string Describe(int status)
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

    private static OpenApiResponse Problem(OpenApiDocument? document, string description, bool retryAfter)
    {
        var response = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) },
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

    private static async Task<OpenApiSchema> ProblemAsync(OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
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
