using Microsoft.AspNetCore.OpenApi;
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
            document.Components.Schemas[ProblemSchema] = await OpenApiProblems.SchemaAsync(context, cancellationToken).ConfigureAwait(false);

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

            if (metadata.OfType<PerClientLimit>().Any())
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

            // A path segment that does not decode to text (a NUL, a broken escape) is refused as a
            // malformed request before any endpoint runs, so every operation with a path parameter can answer 400.
            if (operation.Parameters?.Any(p => p.In == ParameterLocation.Path) == true)
            {
                statuses.Add(400);
            }

            operation.Responses ??= new OpenApiResponses();
            foreach (var key in operation.Responses.Keys.Where(k => k is not ['2', _, _]).ToList())
            {
                operation.Responses.Remove(key);
            }

            foreach (var status in statuses)
            {
                operation.Responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = OpenApiProblems.Response(context.Document, OpenApiProblems.Describe(status), status == 429);
            }

            operation.Responses["default"] = OpenApiProblems.Response(context.Document, "An unexpected failure (500 internal-error: nothing was acknowledged) , 503 ledger-unavailable (nothing was stored; retry) or 503 store-unavailable (the database does not answer; nothing was acknowledged; retry).", retryAfter: false);
            return Task.CompletedTask;
        });

        options.AddSchemaTransformer(OpenApiSchemas.TransformAsync);
    }
}
